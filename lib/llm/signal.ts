import { z } from "zod";
import type { CacheMode, Llm } from "./client.ts";
import type { LlmUsage } from "./types.ts";
import { llmJson } from "./json.ts";
import { checkLookAhead, hasLookAheadRisk, type LookAheadOptions } from "./look_ahead.ts";
import { maskText } from "./masking.ts";

/**
 * Factor values of one symbol at one time, as given to {@linkcode signalFromFactors}.
 *
 * @example
 * ```ts
 * import type { FactorSnapshot } from "@quantbook/sdk/llm";
 * const s: FactorSnapshot = {
 *   symbol: "BTC",
 *   time: Date.parse("2025-03-03T00:00:00Z") * 1000,
 *   factors: { momentum: 1.2, rsi14: 64, volRegime: 0.8 },
 *   position: 0,
 * };
 * ```
 */
export interface FactorSnapshot {
  /** Symbol. */
  symbol: string;
  /** Decision time, epoch µs UTC (the bar close the signal is decided at). */
  time: number;
  /** Factor values (NaN = not available). */
  factors: Record<string, number>;
  /** Current position as a fraction of equity (default 0). */
  position?: number;
  /** Free text context (e.g. latest sentiment). */
  context?: string;
}

/**
 * The zod schema of a trading signal answer.
 *
 * @example
 * ```ts
 * import { SIGNAL_SCHEMA } from "@quantbook/sdk/llm";
 * SIGNAL_SCHEMA.parse({ action: "hold", confidence: 0.5, sizePct: 0, rationale: "mixed" });
 * ```
 */
export const SIGNAL_SCHEMA: z.ZodObject<{
  action: z.ZodEnum<{ buy: "buy"; sell: "sell"; hold: "hold" }>;
  confidence: z.ZodNumber;
  sizePct: z.ZodNumber;
  rationale: z.ZodString;
}> = z.object({
  action: z.enum(["buy", "sell", "hold"]),
  confidence: z.number().min(0).max(1),
  sizePct: z.number().min(0).max(100).describe("target position size, % of equity"),
  rationale: z.string(),
});

/**
 * A trading signal decided by an LLM from a factor snapshot. On failure `ok` is false,
 * `action` is null and the numbers are NaN: never a made-up "hold".
 *
 * @example
 * ```ts
 * import type { TradeSignal } from "@quantbook/sdk/llm";
 * const target = (s: TradeSignal) =>
 *   !s.ok ? NaN : s.action === "buy" ? s.sizePct / 100 : s.action === "sell" ? -s.sizePct / 100 : 0;
 * ```
 */
export interface TradeSignal {
  /** Whether a valid signal was obtained. */
  ok: boolean;
  /** Symbol. */
  symbol: string;
  /** Decision time, epoch µs UTC. */
  time: number;
  /** Action (null on failure). */
  action: "buy" | "sell" | "hold" | null;
  /** Confidence in [0, 1] (NaN on failure). */
  confidence: number;
  /** Target size in % of equity, 0..100 (NaN on failure). */
  sizePct: number;
  /** Justification. */
  rationale: string;
  /** Model id. */
  model: string;
  /** When the signal was produced (ISO 8601 UTC). */
  decidedAt: string;
  /** Whether the answer was replayed from the cache. */
  cached: boolean;
  /** Whether `time` predates the model's knowledge cutoff (or the cutoff is unknown). */
  lookAheadRisk: boolean;
  /** Tokens used. */
  usage: LlmUsage;
  /** USD spent now. */
  costUsd: number;
  /** Why it failed. */
  error?: string;
}

/**
 * Options of {@linkcode signalFromFactors}.
 *
 * @example
 * ```ts
 * import type { SignalOptions } from "@quantbook/sdk/llm";
 * const o: SignalOptions = { mask: true, strict: true };
 * ```
 */
export interface SignalOptions extends LookAheadOptions {
  /**
   * Hide the symbol and the time from the model, and mask the symbol, `maskNames` and dates
   * in `context` (default false): a mitigation, not a guarantee.
   */
  mask?: boolean;
  /** Extra names to mask in `context` (company or person names) besides the symbol. */
  maskNames?: string[];
  /** Replaces the default system prompt. */
  systemPrompt?: string;
  /** Overrides the client's cache mode. */
  cacheMode?: CacheMode;
  /** Cancels the call. */
  signal?: AbortSignal;
}

const SYSTEM =
  "You are a disciplined systematic trader. From the factor snapshot decide an action " +
  "(buy, sell or hold), a confidence from 0 to 1, a target size in percent of equity " +
  "(0 to 100, 0 for hold) and a one-sentence rationale. Use only the numbers given.";

/**
 * Asks an LLM for a trading decision from a factor snapshot: `{ action, confidence,
 * sizePct, rationale }`, schema-checked, with the model id and time recorded. Warns (or
 * throws with `strict`) when the snapshot predates the model's knowledge cutoff.
 *
 * @example
 * ```ts
 * import { createLlm, signalFromFactors } from "@quantbook/sdk/llm";
 * const llm = createLlm({ preset: "openai", cacheDir: ".cache/llm" });
 * const s = await signalFromFactors(llm, {
 *   symbol: "BTC",
 *   time: Date.parse("2025-03-03") * 1000,
 *   factors: { momentum: 1.4, rsi14: 71 },
 * });
 * if (s.ok) console.log(s.action, s.sizePct);
 * ```
 */
export async function signalFromFactors(
  llm: Llm,
  snapshot: FactorSnapshot,
  options: SignalOptions = {},
): Promise<TradeSignal> {
  if (typeof snapshot?.symbol !== "string" || !Number.isFinite(snapshot.time)) {
    throw new TypeError(
      "signalFromFactors: snapshot needs { symbol: string, time: epoch µs, factors: {...} }",
    );
  }
  if (typeof snapshot.factors !== "object" || snapshot.factors === null) {
    throw new TypeError("signalFromFactors: snapshot.factors must be an object of numbers");
  }
  checkLookAhead(llm.models, [snapshot.time], options);
  const factors = Object.fromEntries(
    Object.entries(snapshot.factors).map((
      [k, v],
    ) => [k, Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null]),
  );
  const user = [
    options.mask ? "Asset: Entity A" : `Asset: ${snapshot.symbol}`,
    ...(options.mask ? [] : [`Time: ${new Date(snapshot.time / 1000).toISOString()}`]),
    `Current position: ${snapshot.position ?? 0} (fraction of equity)`,
    `Factors (null = not available): ${JSON.stringify(factors)}`,
    ...(snapshot.context
      ? [
        `Context: ${
          options.mask
            ? maskText(snapshot.context, { names: [snapshot.symbol, ...(options.maskNames ?? [])] })
            : snapshot.context
        }`,
      ]
      : []),
  ].join("\n");
  const r = await llmJson(llm, {
    messages: [{ role: "system", content: options.systemPrompt ?? SYSTEM }, {
      role: "user",
      content: user,
    }],
    schema: SIGNAL_SCHEMA,
    schemaName: "trade_signal",
    cacheMode: options.cacheMode,
    signal: options.signal,
  });
  const model = r.ok ? r.model : llm.model;
  const base = {
    symbol: snapshot.symbol,
    time: snapshot.time,
    model,
    decidedAt: r.requestedAt,
    lookAheadRisk: hasLookAheadRisk(model, snapshot.time, options.cutoffs),
    usage: r.usage,
    costUsd: r.costUsd,
  };
  if (r.ok) return { ...base, ok: true, ...r.value, cached: r.cached };
  return {
    ...base,
    ok: false,
    action: null,
    confidence: NaN,
    sizePct: NaN,
    rationale: "",
    cached: false,
    error: r.error,
  };
}
