import type OpenAI from "openai";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { LlmAttempt, LlmUsage } from "./types.ts";
import { retryAfterMs } from "./_backoff.ts";

/** Body of one chat completion request (OpenAI wire names). */
export interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  [param: string]: unknown;
}

/** What one HTTP attempt produced. */
export type TransportOutcome =
  | {
    ok: true;
    content: string;
    /** `"stop"`, `"length"`, ...; `""` when a stream ended without one (cut off). */
    finishReason: string;
    usage: LlmUsage;
    /** The server reported no usage: `usage` is a 4-characters-per-token estimate. */
    usageEstimated: boolean;
    responseModel: string;
  }
  | {
    ok: false;
    outcome: LlmAttempt["outcome"];
    status?: number;
    message: string;
    retryAfterMs?: number;
  };

/** Options of one HTTP attempt. */
export interface TransportOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  stream?: boolean;
  onToken?: (delta: string) => void;
}

/** Reason given to the abort controller when the per-call timeout fires. */
class CallTimeout extends Error {}

/**
 * Sends one chat completion through the `openai` client (built with `maxRetries: 0`: this
 * layer's caller owns retries) and classifies the outcome instead of throwing, except for a
 * caller abort which is rethrown as the signal's reason.
 */
export async function sendChat(
  client: OpenAI,
  body: ChatBody,
  options: TransportOptions,
): Promise<TransportOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new CallTimeout(`no answer within ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  const outer = options.signal;
  const forward = () => controller.abort(outer!.reason);
  outer?.addEventListener("abort", forward, { once: true });
  try {
    if (outer?.aborted) throw outer.reason;
    return options.stream
      ? await streamChat(client, body, controller.signal, options.onToken)
      : await plainChat(client, body, controller.signal);
  } catch (error) {
    if (outer?.aborted) throw outer.reason;
    return classify(error, controller.signal, options.timeoutMs);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", forward);
  }
}

async function plainChat(
  client: OpenAI,
  body: ChatBody,
  signal: AbortSignal,
): Promise<TransportOutcome> {
  // deno-lint-ignore no-explicit-any
  const response: any = await client.chat.completions.create(body as any, { signal });
  const choice = response?.choices?.[0];
  return {
    ok: true,
    content: typeof choice?.message?.content === "string" ? choice.message.content : "",
    finishReason: String(choice?.finish_reason ?? "stop"),
    ...readUsage(response?.usage, body, choice?.message?.content),
    responseModel: String(response?.model ?? body.model),
  };
}

async function streamChat(
  client: OpenAI,
  body: ChatBody,
  signal: AbortSignal,
  onToken: ((delta: string) => void) | undefined,
): Promise<TransportOutcome> {
  const stream = await client.chat.completions.create(
    // deno-lint-ignore no-explicit-any
    { ...body, stream: true, stream_options: { include_usage: true } } as any,
    { signal },
  );
  let content = "";
  let finishReason = "";
  let reported: unknown;
  let responseModel = body.model;
  // deno-lint-ignore no-explicit-any
  for await (const chunk of stream as unknown as AsyncIterable<any>) {
    if (chunk?.model) responseModel = String(chunk.model);
    if (chunk?.usage) reported = chunk.usage;
    const choice = chunk?.choices?.[0];
    const delta = choice?.delta?.content;
    if (typeof delta === "string" && delta !== "") {
      content += delta;
      onToken?.(delta);
    }
    if (choice?.finish_reason) finishReason = String(choice.finish_reason);
  }
  // A stream that ends without a finish_reason was cut off: "" tells the caller so.
  return { ok: true, content, finishReason, ...readUsage(reported, body, content), responseModel };
}

/**
 * The usage the server reported, or, when it reported none (local servers, streams that
 * ignore `stream_options`), an estimate at 4 characters per token flagged as such: an
 * unknown cost is not a free one.
 */
function readUsage(
  // deno-lint-ignore no-explicit-any
  u: any,
  body: ChatBody,
  content: unknown,
): { usage: LlmUsage; usageEstimated: boolean } {
  const prompt = Number(u?.prompt_tokens);
  const completion = Number(u?.completion_tokens);
  if (!Number.isFinite(prompt) || !Number.isFinite(completion)) {
    let chars = 0;
    for (const m of body.messages) chars += m.content.length;
    const answer = typeof content === "string" ? content.length : 0;
    return {
      usage: {
        promptTokens: Math.ceil(chars / 4),
        cachedPromptTokens: 0,
        completionTokens: Math.ceil(answer / 4),
      },
      usageEstimated: true,
    };
  }
  const cached = Number(
    u?.prompt_tokens_details?.cached_tokens ?? u?.prompt_cache_hit_tokens ?? 0,
  );
  return {
    usage: {
      promptTokens: prompt,
      cachedPromptTokens: Number.isFinite(cached) ? cached : 0,
      completionTokens: completion,
    },
    usageEstimated: false,
  };
}

function classify(error: unknown, signal: AbortSignal, timeoutMs: number): TransportOutcome {
  if (signal.reason instanceof CallTimeout || error instanceof APIConnectionTimeoutError) {
    return { ok: false, outcome: "timeout", message: `timed out after ${timeoutMs} ms` };
  }
  if (error instanceof APIUserAbortError) {
    return { ok: false, outcome: "aborted", message: "request aborted" };
  }
  if (error instanceof APIConnectionError) {
    return { ok: false, outcome: "network_error", message: `connection failed: ${error.message}` };
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    const message = `HTTP ${status}: ${error.message.replace(/^\d{3} /, "")}`;
    if (status === 429) {
      return {
        ok: false,
        outcome: "rate_limited",
        status,
        message,
        retryAfterMs: retryAfterMs(error.headers),
      };
    }
    if (status === 401 || status === 403) {
      return { ok: false, outcome: "auth_error", status, message };
    }
    if (status === 408 || status === 409 || status >= 500) {
      return {
        ok: false,
        outcome: "server_error",
        status,
        message,
        retryAfterMs: retryAfterMs(error.headers),
      };
    }
    return { ok: false, outcome: "bad_request", status, message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, outcome: "network_error", message: `request failed: ${message}` };
}
