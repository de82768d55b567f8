import { assertFinite, assertSeries } from "../series/_validate.ts";

/** Options of {@link classifySignals}. */
export interface SignalClassOptions {
  /** Score magnitude from which a signal is moderate (default 0.5, finite, > 0). */
  moderate?: number;
  /** Score magnitude from which a signal is strong (default 1.0, finite, > `moderate`). */
  strong?: number;
}

/** Names of the five signal classes, indexed by code + 2 (see {@link classifySignals}). */
export type SignalClass =
  | "strong_short"
  | "moderate_short"
  | "neutral"
  | "moderate_long"
  | "strong_long";

const CLASS_NAMES: readonly SignalClass[] = [
  "strong_short",
  "moderate_short",
  "neutral",
  "moderate_long",
  "strong_long",
];

/**
 * Signal classes from a score: `2` strong long (`score >= strong`), `1` moderate long
 * (`score >= moderate`), `0` neutral, `-1` moderate short (`score <= -moderate`), `-2`
 * strong short (`score <= -strong`); NaN where the score is NaN. Thresholds default to
 * ±0.5 and ±1.0 (z-score units, see `compositeScore`).
 *
 * @param score A score series.
 * @param options `{ moderate = 0.5, strong = 1.0 }`.
 * @returns Class codes -2..2 as a Float64Array (NaN = no signal), aligned with `score`.
 *
 * @example
 * ```ts
 * import { classifySignals } from "@quantbook/sdk/factors";
 * classifySignals(new Float64Array([1.2, 0.6, 0, -0.5, -3, NaN])); // [2, 1, 0, -1, -2, NaN]
 * ```
 */
export function classifySignals(
  score: Float64Array,
  options: SignalClassOptions = {},
): Float64Array {
  assertSeries("score", score);
  const { moderate = 0.5, strong = 1.0 } = options;
  assertFinite("options.moderate", moderate);
  assertFinite("options.strong", strong);
  if (!(moderate > 0 && strong > moderate)) {
    throw new RangeError(
      `need 0 < options.moderate < options.strong (got ${moderate} and ${strong})`,
    );
  }
  const out = new Float64Array(score.length);
  for (let i = 0; i < out.length; i++) {
    const s = score[i];
    if (Number.isNaN(s)) out[i] = NaN;
    else if (s >= strong) out[i] = 2;
    else if (s >= moderate) out[i] = 1;
    else if (s <= -strong) out[i] = -2;
    else if (s <= -moderate) out[i] = -1;
    else out[i] = 0;
  }
  return out;
}

/**
 * The name of a signal class code from {@link classifySignals}.
 *
 * @param code -2, -1, 0, 1 or 2.
 * @returns `"strong_short" | "moderate_short" | "neutral" | "moderate_long" | "strong_long"`.
 *
 * @example
 * ```ts
 * import { signalClassName } from "@quantbook/sdk/factors";
 * signalClassName(2); // "strong_long"
 * ```
 */
export function signalClassName(code: number): SignalClass {
  const name = Number.isInteger(code) ? CLASS_NAMES[code + 2] : undefined;
  if (name === undefined) {
    throw new RangeError(
      `signal class code must be -2, -1, 0, 1 or 2 (got ${code}); NaN means no signal`,
    );
  }
  return name;
}
