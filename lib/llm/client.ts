import OpenAI from "openai";
import type { JsonMode, LlmAttempt, LlmUsage } from "./types.ts";
import { defaultJsonMode, LLM_PRESETS, type LlmPreset } from "./presets.ts";
import { LLM_PRICING, llmCostUsd, type ModelPricing } from "./pricing.ts";
import { AdaptiveRateLimiter } from "./_rate_limiter.ts";
import { CircuitBreaker } from "./_circuit_breaker.ts";
import { Semaphore } from "./_semaphore.ts";
import { CompletionCache, contentHash } from "./_cache.ts";
import { backoffDelayMs } from "./_backoff.ts";
import { sleep } from "./_sleep.ts";
import { type ChatBody, sendChat } from "./_transport.ts";
import { addUsage, zeroUsage } from "./_usage.ts";
import { visibleAnswer } from "./_extract_json.ts";

/**
 * How the answer cache is used: `"use"` reads and writes it, `"refresh"` calls the API and
 * overwrites entries, `"only"` replays offline (a miss is an error, no network at all).
 *
 * @example
 * ```ts
 * import type { CacheMode } from "@quantbook/sdk/llm";
 * const replay: CacheMode = "only";
 * ```
 */
export type CacheMode = "use" | "refresh" | "only";

/**
 * Options of {@linkcode createLlm}. Connection fields fall back to the environment:
 * `QUANTBOOK_LLM_BASE_URL` / `QUANTBOOK_LLM_API_KEY` / `QUANTBOOK_LLM_MODEL`, then, without
 * a preset, `OPENAI_BASE_URL` / `OPENAI_API_KEY` / `OPENAI_MODEL`; with a preset, its
 * fields and its key variable (`DEEPSEEK_API_KEY`, ...), so an OpenAI key is never sent to
 * another provider's preset.
 *
 * Retries: the `openai` client is built with `maxRetries: 0` and this layer alone retries
 * (429, 5xx, timeouts, connection errors, empty or truncated answers) up to `maxRetries`
 * times per model, so retries are never multiplied.
 *
 * @example
 * ```ts
 * import type { CreateLlmOptions } from "@quantbook/sdk/llm";
 * const opts: CreateLlmOptions = { preset: "deepseek", cacheDir: ".cache/llm", concurrency: 4 };
 * ```
 */
export interface CreateLlmOptions {
  /** A preset name from `LLM_PRESETS` or a preset object (default: none; OpenAI's URL). */
  preset?: string | LlmPreset;
  /** Base URL of an OpenAI-compatible API, e.g. `http://127.0.0.1:11434/v1`. */
  baseURL?: string;
  /** API key. Never logged, cached or put in an error message. */
  apiKey?: string;
  /** Primary model. */
  model?: string;
  /** Models tried in order when the primary one fails (same endpoint and key). */
  fallbackModels?: string[];
  /** JSON mode for every model (default: per model from the preset or its name). */
  jsonMode?: JsonMode;
  /** Per-model JSON mode overrides. */
  jsonModes?: Record<string, JsonMode>;
  /** Folder of the answer cache (default: no cache). */
  cacheDir?: string;
  /**
   * Replaces the base URL host in cache keys (default: the host). Set it to replay a cache
   * recorded against a local server whose port changes between runs.
   */
  cacheNamespace?: string;
  /** Cache usage (default `"use"`; only meaningful with `cacheDir`). */
  cacheMode?: CacheMode;
  /** Sampling temperature sent with every call (default 0, for reproducibility). */
  temperature?: number;
  /** `max_tokens` sent with every call (default: the provider's). */
  maxTokens?: number;
  /** Extra body parameters sent with every call (e.g. `{ seed: 7 }`); part of the cache key. */
  params?: Record<string, unknown>;
  /** Per-attempt timeout in ms (default 60000). */
  timeoutMs?: number;
  /** Retries per model after the first attempt (default 3). */
  maxRetries?: number;
  /** First backoff delay in ms; doubles each retry with jitter (default 500). */
  retryBaseMs?: number;
  /**
   * Longest wait between retries in ms (default 30000). A `Retry-After` asking for longer
   * ends the attempts on that model at once (explicit error, next model of the chain).
   */
  retryMaxMs?: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Request budget per minute (default unlimited); lowered after 429s, recovers slowly. */
  requestsPerMinute?: number;
  /** Token budget per minute (default unlimited), estimated before and settled after calls. */
  tokensPerMinute?: number;
  /** Consecutive transport failures that open a model's circuit breaker (default 5). */
  breakerThreshold?: number;
  /** Cool-down before a half-open probe, in ms (default 30000). */
  breakerCooldownMs?: number;
  /** Prices overriding or extending `LLM_PRICING`. */
  pricing?: Record<string, ModelPricing>;
  /** Extra HTTP headers (e.g. for gateways). */
  headers?: Record<string, string>;
  /** `fetch` implementation handed to the `openai` client (default: global fetch). */
  fetch?: typeof fetch;
}

/**
 * One completion attempt chain on one model, as returned by {@linkcode Llm.complete}.
 *
 * @example
 * ```ts
 * import type { CompletionOutcome } from "@quantbook/sdk/llm";
 * function text(o: CompletionOutcome): string {
 *   return o.ok ? o.content : `failed: ${o.error}`;
 * }
 * ```
 */
export type CompletionOutcome =
  | {
    ok: true;
    content: string;
    model: string;
    usage: LlmUsage;
    costUsd: number;
    cached: boolean;
    /** Model id the server reported (e.g. a dated snapshot behind an alias). */
    servedModel: string;
  }
  | {
    ok: false;
    error: string;
    outcome: LlmAttempt["outcome"];
    usage: LlmUsage;
    costUsd: number;
  };

/**
 * Request of {@linkcode Llm.complete}: an OpenAI chat body plus call options.
 *
 * @example
 * ```ts
 * import type { CompletionRequest } from "@quantbook/sdk/llm";
 * const r: CompletionRequest = {
 *   body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] },
 * };
 * ```
 */
export interface CompletionRequest {
  /** The chat body (model, messages, response_format, ...); `temperature` etc. are added. */
  body: { model: string; messages: Array<{ role: string; content: string }>; [k: string]: unknown };
  /** Attempt records are appended here. */
  attempts?: LlmAttempt[];
  /** Cancels waiting and in-flight requests. */
  signal?: AbortSignal;
  /** Stream the answer (SSE); usage is still counted. */
  stream?: boolean;
  /**
   * Called with each streamed text delta and the index in `attempts` of the attempt it
   * belongs to (an answer later retried or rejected streams too); once with the whole
   * answer on a cache hit.
   */
  onToken?: (delta: string, attempt: number) => void;
  /** Overrides the client's cache mode for this call. */
  cacheMode?: CacheMode;
}

/**
 * Running totals of one {@linkcode Llm}: HTTP requests, cache hits, tokens and spend.
 *
 * @example
 * ```ts
 * import type { LlmTotals } from "@quantbook/sdk/llm";
 * const t: LlmTotals = { requests: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
 * ```
 */
export interface LlmTotals {
  /** HTTP requests sent (retries included). */
  requests: number;
  /** Answers replayed from the cache. */
  cacheHits: number;
  /** Input tokens of the HTTP requests. */
  promptTokens: number;
  /** Output tokens of the HTTP requests. */
  completionTokens: number;
  /** USD spent (NaN once an unpriced model was used). */
  costUsd: number;
}

const JSON_MODE_STRENGTH: Record<JsonMode, number> = { json_schema: 2, json_object: 1, prompt: 0 };

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name)?.trim() || undefined;
  } catch {
    return undefined;
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) {
    throw new RangeError(`createLlm: ${name} must be a positive number, got ${value}`);
  }
  return value;
}

/**
 * A configured LLM client for one OpenAI-compatible endpoint: model chain, JSON modes,
 * retries with backoff, rate limit, concurrency limit, circuit breakers per model, answer
 * cache and cost accounting. Build it with {@linkcode createLlm}; use it with `llmJson`.
 *
 * @example
 * ```ts
 * import { createLlm } from "@quantbook/sdk/llm";
 * const llm = createLlm({ baseURL: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b" });
 * llm.models; // ["qwen2.5:7b"]
 * ```
 */
export class Llm {
  /** Base URL of the endpoint. */
  readonly baseURL: string;
  /** Host of the base URL. */
  readonly host: string;
  /** What identifies the endpoint in cache keys: `cacheNamespace` or the host. */
  readonly cacheNamespace: string;
  /** The primary model followed by the fallback models. */
  readonly models: readonly string[];
  /** Default cache mode. */
  readonly cacheMode: CacheMode;
  /** Whether a cache folder is configured. */
  readonly hasCache: boolean;
  /** Running totals. */
  readonly totals: LlmTotals = {
    requests: 0,
    cacheHits: 0,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
  };
  #apiKey: string | undefined;
  #options: CreateLlmOptions;
  #jsonModes = new Map<string, JsonMode>();
  #pricing: Record<string, ModelPricing>;
  #client: OpenAI | undefined;
  #cache: CompletionCache | undefined;
  #limiter: AdaptiveRateLimiter | undefined;
  #semaphore: Semaphore;
  #breakers = new Map<string, CircuitBreaker>();
  /** Per model: until when (performance.now() ms) a 429's Retry-After holds every call. */
  #pausedUntil = new Map<string, number>();

  /** Use {@linkcode createLlm}. */
  constructor(options: CreateLlmOptions = {}) {
    const preset = typeof options.preset === "string"
      ? LLM_PRESETS[options.preset]
      : options.preset;
    if (typeof options.preset === "string" && !preset) {
      throw new RangeError(
        `createLlm: unknown preset "${options.preset}"; use one of ${
          Object.keys(LLM_PRESETS).join(", ")
        } or pass a preset object`,
      );
    }
    const baseURL = options.baseURL ?? readEnv("QUANTBOOK_LLM_BASE_URL") ??
      (preset ? undefined : readEnv("OPENAI_BASE_URL")) ?? preset?.baseURL ??
      "https://api.openai.com/v1";
    let host: string;
    try {
      host = new URL(baseURL).host;
    } catch {
      throw new TypeError(
        `createLlm: baseURL "${baseURL}" is not a URL; pass e.g. "https://api.openai.com/v1"`,
      );
    }
    const model = options.model ?? readEnv("QUANTBOOK_LLM_MODEL") ??
      (preset ? undefined : readEnv("OPENAI_MODEL")) ?? preset?.model;
    if (!model) {
      throw new TypeError(
        "createLlm: no model; pass { model }, a preset, or set QUANTBOOK_LLM_MODEL",
      );
    }
    this.baseURL = baseURL.replace(/\/+$/, "");
    this.host = host;
    this.cacheNamespace = options.cacheNamespace ?? host;
    this.models = [model, ...(options.fallbackModels ?? []).filter((m) => m !== model)];
    const keyEnv = preset ? preset.apiKeyEnv : "OPENAI_API_KEY";
    this.#apiKey = options.apiKey ?? readEnv("QUANTBOOK_LLM_API_KEY") ??
      (keyEnv ? readEnv(keyEnv) : undefined);
    this.cacheMode = options.cacheMode ?? "use";
    if (!["use", "refresh", "only"].includes(this.cacheMode)) {
      throw new RangeError(
        `createLlm: cacheMode must be "use", "refresh" or "only", got "${this.cacheMode}"`,
      );
    }
    if (this.cacheMode === "only" && !options.cacheDir) {
      throw new TypeError('createLlm: cacheMode "only" replays the cache: pass { cacheDir }');
    }
    this.hasCache = options.cacheDir !== undefined;
    this.#cache = options.cacheDir ? new CompletionCache(options.cacheDir) : undefined;
    this.#options = options;
    for (const m of this.models) {
      this.#jsonModes.set(
        m,
        options.jsonModes?.[m] ?? options.jsonMode ?? preset?.jsonModes?.[m] ??
          (preset && preset.models.includes(m) ? preset.jsonMode : undefined) ??
          defaultJsonMode(m),
      );
    }
    this.#pricing = { ...LLM_PRICING, ...options.pricing };
    const rpm = positive("requestsPerMinute", options.requestsPerMinute, Infinity);
    const tpm = positive("tokensPerMinute", options.tokensPerMinute, Infinity);
    if (Number.isFinite(rpm) || Number.isFinite(tpm)) {
      this.#limiter = new AdaptiveRateLimiter({ requestsPerMinute: rpm, tokensPerMinute: tpm });
    }
    this.#semaphore = new Semaphore(positive("concurrency", options.concurrency, 8));
    positive("timeoutMs", options.timeoutMs, 60_000);
    positive("breakerThreshold", options.breakerThreshold, 5);
    for (const name of ["maxRetries", "retryBaseMs", "retryMaxMs", "breakerCooldownMs"] as const) {
      const value = options[name];
      if (value !== undefined && !(value >= 0 && Number.isFinite(value))) {
        throw new RangeError(`createLlm: ${name} must be a finite number >= 0, got ${value}`);
      }
    }
    if (options.maxRetries !== undefined && !Number.isInteger(options.maxRetries)) {
      throw new RangeError(`createLlm: maxRetries must be an integer, got ${options.maxRetries}`);
    }
  }

  /** The primary model. */
  get model(): string {
    return this.models[0];
  }

  /** JSON mode currently used for `model` (a 400 on `json_schema` downgrades it). */
  jsonModeFor(model: string): JsonMode {
    return this.#jsonModes.get(model) ?? defaultJsonMode(model);
  }

  /**
   * A request in mode `from` was refused (400): moves `model` to the next weaker JSON mode
   * and returns true, or returns true at once when a concurrent call already moved it below
   * `from` (so simultaneous refusals step down once, not once each). False when `from` is
   * already the plain prompt.
   */
  downgradeJsonMode(model: string, from: JsonMode = this.jsonModeFor(model)): boolean {
    const current = this.jsonModeFor(model);
    if (JSON_MODE_STRENGTH[current] < JSON_MODE_STRENGTH[from]) return true;
    if (current === "prompt") return false;
    this.#jsonModes.set(model, current === "json_schema" ? "json_object" : "prompt");
    return true;
  }

  /** Cost in USD of `usage` on `model` with this client's pricing (NaN when unpriced). */
  costUsd(model: string, usage: LlmUsage): number {
    return llmCostUsd(model, usage, this.#pricing);
  }

  /**
   * Fraction of the configured `requestsPerMinute` / `tokensPerMinute` currently allowed:
   * 1 at full speed, halved by each 429 (down to 0.1), recovering 0.5 per minute of successes
   * (paced by time, not by the number of successes). Always 1
   * without a configured limit (429s are then only waited out, `Retry-After` honoured).
   */
  get rateLimitFactor(): number {
    return this.#limiter?.factor ?? 1;
  }

  /** State of a model's circuit breaker. */
  breakerState(model: string): "closed" | "open" | "half-open" {
    return this.#breaker(model).state();
  }

  /**
   * Replaces the API key, the values of the extra `headers` (gateways put keys there) and
   * any bearer token in `text` (errors from servers may echo them).
   */
  redact(text: string): string {
    let out = text;
    for (const secret of [this.#apiKey, ...Object.values(this.#options.headers ?? {})]) {
      if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
    }
    return out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi, "$1[redacted]");
  }

  /**
   * One completion on one model with caching, rate and concurrency limits, the model's
   * circuit breaker and retries (429 honouring `Retry-After`, 5xx, timeouts, connection
   * errors, empty content, `finish_reason: "length"`, a stream cut off before its
   * finish_reason). Never throws for API failures; throws the signal's reason when the
   * caller aborts.
   */
  async complete(request: CompletionRequest): Promise<CompletionOutcome> {
    const opts = this.#options;
    const attempts = request.attempts ?? [];
    const body: ChatBody = {
      ...opts.params,
      ...(opts.temperature !== undefined || !/^(o\d|gpt-5)/.test(request.body.model)
        ? { temperature: opts.temperature ?? 0 }
        : {}),
      ...(opts.maxTokens !== undefined
        ? /^(o\d|gpt-5)/.test(request.body.model)
          ? { max_completion_tokens: opts.maxTokens }
          : { max_tokens: opts.maxTokens }
        : {}),
      ...request.body,
    };
    const model = body.model;
    const mode = request.cacheMode ?? this.cacheMode;
    if (mode === "only" && !this.#cache) {
      const message =
        'cacheMode "only" replays the answer cache, but this client has none: pass { cacheDir } to createLlm';
      attempts.push({ model, outcome: "cache_miss", message, ms: 0 });
      return { ok: false, error: message, outcome: "cache_miss", usage: zeroUsage(), costUsd: 0 };
    }
    const key = this.#cache ? contentHash({ host: this.cacheNamespace, body }) : "";
    if (this.#cache && mode !== "refresh") {
      const replayed = await this.#replay(this.#cache, key, model, mode, attempts, request.onToken);
      if (replayed) return replayed;
    }
    const maxRetries = opts.maxRetries ?? 3;
    const retryBase = opts.retryBaseMs ?? 500;
    const retryMax = opts.retryMaxMs ?? 30_000;
    const breaker = this.#breaker(model);
    const onToken = request.onToken;
    // Token estimate for the bucket (settled with the real usage): ~4 characters a token.
    const estimate = this.#limiter
      ? Math.ceil(JSON.stringify(body.messages).length / 4) + (opts.maxTokens ?? 256)
      : 0;
    let usage = zeroUsage();
    let costUsd = 0;
    let last: { message: string; outcome: LlmAttempt["outcome"] } = {
      message: "not attempted",
      outcome: "network_error",
    };
    for (let retry = 0; retry <= maxRetries; retry++) {
      // A Retry-After holds every call to the model, not only the one that got the 429.
      const pausedMs = (this.#pausedUntil.get(model) ?? 0) - performance.now();
      if (pausedMs > retryMax) {
        const message = `model "${model}" is paused for ${
          Math.ceil(pausedMs)
        } ms more by the server's Retry-After, longer than retryMaxMs (${retryMax} ms): not sent`;
        attempts.push({ model, outcome: "rate_limited", message, ms: 0 });
        return { ok: false, error: message, outcome: "rate_limited", usage, costUsd };
      }
      if (pausedMs > 0) await sleep(pausedMs, request.signal);
      if (!breaker.tryAcquire()) {
        const message =
          `circuit breaker open for model "${model}" after ${breaker.threshold} consecutive failures; ${
            breaker.state() === "half-open"
              ? "a probe request is in flight"
              : `next probe in ${Math.ceil(breaker.retryInMs())} ms`
          }`;
        attempts.push({ model, outcome: "circuit_open", message, ms: 0 });
        return { ok: false, error: message, outcome: "circuit_open", usage, costUsd };
      }
      const t0 = performance.now();
      const attemptIndex = attempts.length; // this attempt's record goes there
      let release: (() => void) | undefined;
      let result;
      try {
        await this.#limiter?.acquire(estimate, request.signal);
        release = await this.#semaphore.acquire(request.signal);
        this.totals.requests++;
        result = await sendChat(this.#openai(), body, {
          timeoutMs: opts.timeoutMs ?? 60_000,
          signal: request.signal,
          stream: request.stream,
          onToken: onToken && ((delta: string) => onToken(delta, attemptIndex)),
        });
      } catch (e) {
        breaker.cancelProbe();
        throw e;
      } finally {
        release?.();
      }
      const ms = performance.now() - t0;
      if (result.ok) {
        usage = addUsage(usage, result.usage);
        const callCost = this.costUsd(model, result.usage);
        costUsd += callCost;
        this.totals.promptTokens += result.usage.promptTokens;
        this.totals.completionTokens += result.usage.completionTokens;
        this.totals.costUsd += callCost;
        breaker.onSuccess();
        this.#limiter?.onSuccess();
        this.#limiter?.settle(estimate, result.usage.promptTokens + result.usage.completionTokens);
        if (result.finishReason === "length") {
          last = {
            outcome: "truncated",
            message: `answer cut off by the token limit (finish_reason "length"${
              opts.maxTokens ? `, max_tokens ${opts.maxTokens}` : ""
            }); not repaired, retried`,
          };
        } else if (result.finishReason === "") {
          last = {
            outcome: "truncated",
            message: "the stream ended without a finish_reason (cut off); not repaired, retried",
          };
        } else if (visibleAnswer(result.content) === "") {
          last = {
            outcome: "empty",
            message: result.content.trim() === ""
              ? "empty answer content; retried"
              : "the answer is all reasoning (<think>), no content after it; retried",
          };
        } else {
          let note = `finish_reason "${result.finishReason}"${
            result.usageEstimated ? "; no usage reported, estimated at 4 characters per token" : ""
          }`;
          if (this.#cache) {
            try {
              await this.#cache.set(key, {
                v: 1,
                host: this.cacheNamespace,
                model,
                responseModel: result.responseModel,
                content: result.content,
                finishReason: result.finishReason,
                usage: result.usage,
                createdAt: new Date().toISOString(),
              });
            } catch (e) {
              note += `; answer not cached: ${e instanceof Error ? e.message : String(e)}`;
            }
          }
          attempts.push({ model, outcome: "ok", message: note, ms });
          return {
            ok: true,
            content: result.content,
            model,
            usage,
            costUsd,
            cached: false,
            servedModel: result.responseModel,
          };
        }
        attempts.push({ model, outcome: last.outcome, message: last.message, ms });
      } else {
        const message = this.redact(result.message) +
          (result.outcome === "auth_error" && !this.#apiKey
            ? " (no API key configured: pass { apiKey } or set QUANTBOOK_LLM_API_KEY)"
            : "");
        last = { outcome: result.outcome, message };
        attempts.push({ model, outcome: result.outcome, status: result.status, message, ms });
        this.#limiter?.settle(estimate, 0); // a refused request used no tokens
        if (result.outcome === "rate_limited") this.#limiter?.onThrottled();
        if (result.retryAfterMs !== undefined) {
          const until = performance.now() + result.retryAfterMs;
          this.#pausedUntil.set(model, Math.max(this.#pausedUntil.get(model) ?? 0, until));
        }
        const transient = result.outcome === "server_error" || result.outcome === "timeout" ||
          result.outcome === "network_error";
        if (transient) breaker.onFailure();
        else breaker.onSuccess();
        if (!transient && result.outcome !== "rate_limited") {
          return { ok: false, error: message, outcome: result.outcome, usage, costUsd };
        }
        if (retry < maxRetries) {
          if (result.retryAfterMs !== undefined && result.retryAfterMs > retryMax) {
            // Retrying sooner than asked would only collect more 429s: give the model up
            // (the fallback chain goes on) and say why.
            const error = `${message}; the server asks to wait ${
              Math.ceil(result.retryAfterMs)
            } ms, more than retryMaxMs (${retryMax} ms): not retried`;
            return { ok: false, error, outcome: result.outcome, usage, costUsd };
          }
          const wait = result.retryAfterMs ?? backoffDelayMs(retry, retryBase, retryMax);
          await sleep(wait, request.signal);
        }
        continue;
      }
      if (retry < maxRetries) {
        await sleep(backoffDelayMs(retry, retryBase, retryMax), request.signal);
      }
    }
    return {
      ok: false,
      error: `${last.message} (gave up after ${maxRetries + 1} attempts on "${model}")`,
      outcome: last.outcome,
      usage,
      costUsd,
    };
  }

  /**
   * Model ids the endpoint serves (`GET /models`), e.g. to check a local server. Throws an
   * `Error` with the status (and never the key) when the endpoint refuses.
   */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const ids: string[] = [];
      for await (const m of this.#openai().models.list({ signal })) ids.push(m.id);
      return ids;
    } catch (e) {
      throw new Error(
        `listModels: ${this.baseURL}/models failed: ${
          this.redact(e instanceof Error ? e.message : String(e))
        }`,
      );
    }
  }

  /**
   * The cached answer for `key` (a `cached` attempt), an explicit failure in `"only"` mode
   * when there is none, or undefined to ask the API (an unreadable entry is noted).
   */
  async #replay(
    cache: CompletionCache,
    key: string,
    model: string,
    mode: CacheMode,
    attempts: LlmAttempt[],
    onToken: CompletionRequest["onToken"],
  ): Promise<CompletionOutcome | undefined> {
    const t0 = performance.now();
    let hit: Awaited<ReturnType<CompletionCache["get"]>>;
    let unreadable = "";
    try {
      hit = await cache.get(key);
    } catch (e) {
      unreadable = `; the cache entry could not be read (${
        e instanceof Error ? e.message : String(e)
      })`;
    }
    if (hit) {
      this.totals.cacheHits++;
      onToken?.(hit.content, attempts.length);
      attempts.push({
        model,
        outcome: "cached",
        message: "answer replayed from cache",
        ms: performance.now() - t0,
      });
      return {
        ok: true,
        content: hit.content,
        model,
        usage: hit.usage,
        costUsd: 0,
        cached: true,
        servedModel: hit.responseModel ?? model,
      };
    }
    if (mode === "only") {
      const message =
        `cache miss for model "${model}" with cacheMode "only" (offline replay): run once with cacheMode "use" and a key to fill ${cache.dir}${unreadable}`;
      attempts.push({ model, outcome: "cache_miss", message, ms: performance.now() - t0 });
      return { ok: false, error: message, outcome: "cache_miss", usage: zeroUsage(), costUsd: 0 };
    }
    if (unreadable) {
      attempts.push({
        model,
        outcome: "cache_miss",
        message: `asking the API${unreadable}`,
        ms: performance.now() - t0,
      });
    }
    return undefined;
  }

  #breaker(model: string): CircuitBreaker {
    let b = this.#breakers.get(model);
    if (!b) {
      b = new CircuitBreaker(
        this.#options.breakerThreshold ?? 5,
        this.#options.breakerCooldownMs ?? 30_000,
      );
      this.#breakers.set(model, b);
    }
    return b;
  }

  #openai(): OpenAI {
    this.#client ??= new OpenAI({
      apiKey: this.#apiKey ?? "no-key-configured",
      baseURL: this.baseURL,
      maxRetries: 0,
      timeout: (this.#options.timeoutMs ?? 60_000) + 5_000,
      fetch: this.#options.fetch,
      defaultHeaders: this.#options.headers,
      organization: null,
      project: null,
      // The SDK logs at OPENAI_LOG's level (debug prints requests): through `redact`.
      logger: this.#redactingLogger(),
    });
    return this.#client;
  }

  #redactingLogger(): Record<"error" | "warn" | "info" | "debug", (...args: unknown[]) => void> {
    const clean = (arg: unknown): unknown => {
      if (typeof arg === "string") return this.redact(arg);
      if (arg instanceof Error) return this.redact(String(arg.stack ?? arg.message));
      try {
        return JSON.parse(this.redact(JSON.stringify(arg) ?? "null"));
      } catch {
        return this.redact(String(arg));
      }
    };
    const to = (write: (...a: unknown[]) => void) => (...args: unknown[]) =>
      write(...args.map(clean));
    return {
      error: to(console.error),
      warn: to(console.warn),
      info: to(console.info),
      debug: to(console.debug),
    };
  }
}

/**
 * Creates an {@linkcode Llm} client for any OpenAI-compatible endpoint. Nothing is sent
 * until the first call; with `cacheMode: "only"` no key and no network are needed.
 *
 * @example
 * ```ts
 * import { createLlm, llmJson } from "@quantbook/sdk/llm";
 * import { z } from "zod";
 * const llm = createLlm({ preset: "deepseek", cacheDir: ".cache/llm" });
 * const r = await llmJson(llm, {
 *   messages: [{ role: "user", content: "Is 'Acme beats estimates' good news?" }],
 *   schema: z.object({ good: z.boolean() }),
 * });
 * if (r.ok) console.log(r.value.good, r.costUsd);
 * ```
 */
export function createLlm(options: CreateLlmOptions = {}): Llm {
  return new Llm(options);
}
