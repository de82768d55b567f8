import { z } from "zod";
import type { ChatMessage, JsonMode, LlmAttempt, LlmUsage } from "./types.ts";
import type { CacheMode, Llm } from "./client.ts";
import { extractJson } from "./_extract_json.ts";
import { addUsage, zeroUsage } from "./_usage.ts";

/**
 * Request of {@linkcode llmJson}.
 *
 * @example
 * ```ts
 * import type { LlmJsonRequest } from "@quantbook/sdk/llm";
 * import { z } from "zod";
 * const schema = z.object({ score: z.number() });
 * const req: LlmJsonRequest<z.infer<typeof schema>> = {
 *   messages: [{ role: "user", content: "Score: 'profits double'" }],
 *   schema,
 * };
 * ```
 */
export interface LlmJsonRequest<T> {
  /** The conversation; JSON instructions (and the schema when needed) are added. */
  messages: ChatMessage[];
  /** zod schema the answer must satisfy. */
  schema: z.ZodType<T>;
  /** Name of the schema in the `json_schema` response format (default `"result"`). */
  schemaName?: string;
  /** Re-asks with the validation error text per model (default 2). */
  maxRepairs?: number;
  /** Models to try in order (default: the client's model chain). */
  models?: string[];
  /** Stream the answer over SSE (default false). */
  stream?: boolean;
  /**
   * Called with each streamed text delta and the index in `attempts` of its attempt: deltas
   * of an answer later retried or re-asked arrive too, under their own index.
   */
  onToken?: (delta: string, attempt: number) => void;
  /** Overrides the client's cache mode. */
  cacheMode?: CacheMode;
  /** Cancels the call (waits, retries and in-flight requests). */
  signal?: AbortSignal;
}

/**
 * Success of {@linkcode llmJson}: a value that passed the schema.
 *
 * @example
 * ```ts
 * import type { LlmJsonSuccess } from "@quantbook/sdk/llm";
 * const show = (r: LlmJsonSuccess<{ score: number }>) => `${r.model}: ${r.value.score}`;
 * ```
 */
export interface LlmJsonSuccess<T> {
  /** Always true: the call succeeded. */
  ok: true;
  /** The validated value. */
  value: T;
  /** Model that produced it (the name asked for). */
  model: string;
  /**
   * Model id the server reported for the accepted answer, e.g. the dated snapshot behind an
   * alias (`gpt-4o-mini-2024-07-18`): record it for reproducibility.
   */
  servedModel: string;
  /** Tokens of every call behind this result (re-asks and failed attempts included). */
  usage: LlmUsage;
  /** USD spent on this result now (0 when fully replayed from cache). */
  costUsd: number;
  /** Whether the accepted answer came from the cache. */
  cached: boolean;
  /** Every attempt, in order. */
  attempts: LlmAttempt[];
  /** When the call started (ISO 8601 UTC). */
  requestedAt: string;
  /** Wall time of the whole call in ms. */
  latencyMs: number;
}

/**
 * Failure of {@linkcode llmJson}: no value, an explicit error, and the attempts made.
 *
 * @example
 * ```ts
 * import type { LlmJsonFailure } from "@quantbook/sdk/llm";
 * const why = (r: LlmJsonFailure) => `${r.error} after ${r.attempts.length} attempts`;
 * ```
 */
export interface LlmJsonFailure {
  /** Always false: no value was obtained. */
  ok: false;
  /** What went wrong with each model, never containing the API key. */
  error: string;
  /** Every attempt, in order. */
  attempts: LlmAttempt[];
  /** Tokens spent anyway. */
  usage: LlmUsage;
  /** USD spent anyway. */
  costUsd: number;
  /** When the call started (ISO 8601 UTC). */
  requestedAt: string;
  /** Wall time of the whole call in ms. */
  latencyMs: number;
}

/**
 * Result of {@linkcode llmJson}: `ok: true` with a validated value, or `ok: false` with an
 * error. A failure never carries a made-up neutral value.
 *
 * @example
 * ```ts
 * import type { LlmJsonResult } from "@quantbook/sdk/llm";
 * const score = (r: LlmJsonResult<{ score: number }>) => (r.ok ? r.value.score : NaN);
 * ```
 */
export type LlmJsonResult<T> = LlmJsonSuccess<T> | LlmJsonFailure;

/**
 * A zod schema as JSON Schema: the object, its text for prompts, and strict-mode fitness.
 * JSON mode and strict `json_schema` need an object at the root, so any other root (an
 * array, a union, a number) is asked for as `{ "value": ... }` and unwrapped (`wrapped`).
 */
interface SchemaForms {
  json: Record<string, unknown>;
  text: string;
  strict: boolean;
  wrapped: boolean;
}

const schemaForms = new WeakMap<z.ZodType, SchemaForms>();

function schemaFormsOf(schema: z.ZodType): SchemaForms {
  let forms = schemaForms.get(schema);
  if (!forms) {
    let json = z.toJSONSchema(schema, { unrepresentable: "any" }) as Record<string, unknown>;
    delete json.$schema;
    const wrapped = json.type !== "object";
    if (wrapped) {
      const { $defs, ...root } = json;
      json = {
        type: "object",
        properties: { value: root },
        required: ["value"],
        additionalProperties: false,
        ...($defs ? { $defs } : {}),
      };
    }
    forms = { json, text: JSON.stringify(json), strict: strictCompatible(json), wrapped };
    schemaForms.set(schema, forms);
  }
  return forms;
}

/** OpenAI strict mode needs every object closed and every property required. */
function strictCompatible(node: unknown): boolean {
  if (node === null || typeof node !== "object") return true;
  if (Array.isArray(node)) return node.every(strictCompatible);
  const o = node as Record<string, unknown>;
  if (o.type === "object" && o.properties) {
    const props = Object.keys(o.properties as object);
    const required = new Set((o.required as string[] | undefined) ?? []);
    if (o.additionalProperties !== false || props.some((p) => !required.has(p))) return false;
  }
  return Object.values(o).every(strictCompatible);
}

/** `{ "value": x }` -> x; anything else as it is (a model may answer the bare value). */
function unwrapValue(answer: unknown): unknown {
  if (answer === null || typeof answer !== "object" || Array.isArray(answer)) return answer;
  const keys = Object.keys(answer);
  return keys.length === 1 && keys[0] === "value" ? (answer as { value: unknown }).value : answer;
}

function withJsonInstructions(
  messages: ChatMessage[],
  mode: JsonMode,
  schemaText: string,
): ChatMessage[] {
  const instruction = mode === "json_schema"
    ? "Reply with a single json object only."
    : `Reply with a single json object only, no prose and no code fence, matching this JSON Schema:\n${schemaText}`;
  const out = messages.map((m) => ({ ...m }));
  const system = out.findIndex((m) => m.role === "system");
  if (system >= 0) out[system].content = `${out[system].content}\n\n${instruction}`;
  else out.unshift({ role: "system", content: instruction });
  return out;
}

/**
 * Asks for JSON and returns a schema-checked value or an explicit failure. Per model: strict
 * `json_schema` where supported, else JSON mode with the schema in the prompt, else a plain
 * prompt (a 400 about the response format downgrades the model and asks again). The answer is
 * extracted (`<think>` stripped, fenced block, first balanced `{...}`/`[...]`), parsed,
 * repaired with `jsonrepair` only if complete, and validated with zod; a parse or validation
 * error re-asks with the error text (`maxRepairs`, default 2), then the next model of the
 * chain is tried (a refused key, 401/403, ends the chain). Empty or truncated answers are
 * retried by the client, never repaired. A schema whose root is not an object (an array, a
 * union) is asked for as `{ "value": ... }`, which JSON mode and strict mode require, and
 * unwrapped.
 *
 * @example
 * ```ts
 * import { createLlm, llmJson } from "@quantbook/sdk/llm";
 * import { z } from "zod";
 * const llm = createLlm({ baseURL: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b" });
 * const r = await llmJson(llm, {
 *   messages: [{ role: "user", content: "Sentiment of 'Acme misses guidance', -1..1?" }],
 *   schema: z.object({ score: z.number().min(-1).max(1) }),
 * });
 * console.log(r.ok ? r.value.score : r.error);
 * ```
 */
export async function llmJson<T>(llm: Llm, request: LlmJsonRequest<T>): Promise<LlmJsonResult<T>> {
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw new TypeError("llmJson: messages must be a non-empty array of { role, content }");
  }
  const maxRepairs = request.maxRepairs ?? 2;
  if (!Number.isInteger(maxRepairs) || maxRepairs < 0) {
    throw new RangeError(`llmJson: maxRepairs must be an integer >= 0, got ${maxRepairs}`);
  }
  const forms = schemaFormsOf(request.schema as z.ZodType);
  const { json: schemaJson, text: schemaText, strict } = forms;
  const requestedAt = new Date().toISOString();
  const t0 = performance.now();
  const attempts: LlmAttempt[] = [];
  const errors: string[] = [];
  let usage: LlmUsage = zeroUsage();
  let costUsd = 0;
  let stopChain = false;
  for (const model of request.models ?? llm.models) {
    if (stopChain) break;
    let conversation = request.messages;
    let repairs = 0;
    let lastError = "";
    while (true) {
      const mode = llm.jsonModeFor(model);
      const body: Record<string, unknown> & { model: string; messages: ChatMessage[] } = {
        model,
        messages: withJsonInstructions(conversation, mode, schemaText),
      };
      if (mode === "json_schema") {
        body.response_format = {
          type: "json_schema",
          json_schema: { name: request.schemaName ?? "result", schema: schemaJson, strict },
        };
      } else if (mode === "json_object") {
        body.response_format = { type: "json_object" };
      }
      const out = await llm.complete({
        body,
        attempts,
        signal: request.signal,
        stream: request.stream,
        onToken: request.onToken,
        cacheMode: request.cacheMode,
      });
      usage = addUsage(usage, out.usage);
      costUsd += out.costUsd;
      if (!out.ok) {
        if (
          out.outcome === "bad_request" && mode !== "prompt" &&
          /response_format|json|schema/i.test(out.error) && llm.downgradeJsonMode(model, mode)
        ) {
          continue;
        }
        lastError = out.error;
        // Same endpoint, same key: a refused key is refused for every model of the chain.
        stopChain = out.outcome === "auth_error";
        break;
      }
      const t1 = performance.now();
      const extracted = extractJson(out.content);
      let problem: string;
      let outcome: LlmAttempt["outcome"];
      if (extracted.ok) {
        const checked = request.schema.safeParse(
          forms.wrapped ? unwrapValue(extracted.value) : extracted.value,
        );
        if (checked.success) {
          return {
            ok: true,
            value: checked.data,
            model,
            usage,
            costUsd,
            cached: out.cached,
            servedModel: out.servedModel,
            attempts,
            requestedAt,
            latencyMs: performance.now() - t0,
          };
        }
        problem = `the JSON does not match the schema:\n${z.prettifyError(checked.error)}`;
        outcome = "schema_violation";
      } else {
        problem = extracted.error;
        outcome = "invalid_json";
      }
      attempts.push({ model, outcome, message: problem, ms: performance.now() - t1 });
      lastError = problem;
      if (repairs >= maxRepairs) {
        lastError = `${problem} (after ${maxRepairs} re-asks)`;
        break;
      }
      repairs++;
      conversation = [
        ...conversation,
        { role: "assistant", content: out.content },
        {
          role: "user",
          content:
            `Your previous answer was rejected: ${problem}\nReply again with only the corrected json object.`,
        },
      ];
    }
    errors.push(`${model}: ${lastError}`);
  }
  return {
    ok: false,
    error: `no valid answer from ${errors.length} model(s): ${errors.join(" | ")}`,
    attempts,
    usage,
    costUsd,
    requestedAt,
    latencyMs: performance.now() - t0,
  };
}
