/**
 * One chat message sent to an OpenAI-compatible `/chat/completions` endpoint.
 *
 * @example
 * ```ts
 * import type { ChatMessage } from "@quantbook/sdk/llm";
 * const m: ChatMessage = { role: "user", content: "Score this headline. Reply in json." };
 * ```
 */
export interface ChatMessage {
  /** Who speaks: the system prompt, the user, or a previous assistant answer. */
  role: "system" | "user" | "assistant";
  /** The message text. */
  content: string;
}

/**
 * How a model is asked for JSON: strict `json_schema` response format, JSON mode
 * (`json_object`, schema given in the prompt), or a plain prompt carrying the schema.
 *
 * @example
 * ```ts
 * import type { JsonMode } from "@quantbook/sdk/llm";
 * const mode: JsonMode = "json_object"; // what DeepSeek supports
 * ```
 */
export type JsonMode = "json_schema" | "json_object" | "prompt";

/**
 * Token usage of one call or summed over the calls behind one result.
 *
 * @example
 * ```ts
 * import type { LlmUsage } from "@quantbook/sdk/llm";
 * const u: LlmUsage = { promptTokens: 120, cachedPromptTokens: 0, completionTokens: 40 };
 * ```
 */
export interface LlmUsage {
  /** Input tokens billed (including the cached ones). */
  promptTokens: number;
  /** Input tokens served from the provider's prompt cache (billed at the cached rate). */
  cachedPromptTokens: number;
  /** Output tokens (including reasoning tokens). */
  completionTokens: number;
}

/**
 * What happened in one attempt of a call: one HTTP request, a cache hit or miss, a circuit
 * breaker refusal, or a rejected answer (bad JSON, schema violation).
 *
 * @example
 * ```ts
 * import type { LlmAttempt } from "@quantbook/sdk/llm";
 * const a: LlmAttempt = { model: "gpt-4o-mini", outcome: "rate_limited", message: "429", ms: 12 };
 * ```
 */
export interface LlmAttempt {
  /** Model the attempt was sent to. */
  model: string;
  /** Outcome class of the attempt. */
  outcome:
    | "ok"
    | "cached"
    | "cache_miss"
    | "rate_limited"
    | "server_error"
    | "bad_request"
    | "auth_error"
    | "timeout"
    | "network_error"
    | "empty"
    | "truncated"
    | "invalid_json"
    | "schema_violation"
    | "circuit_open"
    | "aborted";
  /** HTTP status when there was one. */
  status?: number;
  /** Human-readable detail (never contains the API key). */
  message: string;
  /** Wall time of the attempt in milliseconds. */
  ms: number;
}
