import { rollingMax, rollingMean, rollingMin } from "../series/mod.ts";
import { assertSameLength, assertSeries, assertWindow } from "../series/_validate.ts";

/** Stochastic oscillator lines, each aligned with the input. */
export interface StochasticResult {
  /** %K: the raw stochastic smoothed by a `kSmooth` SMA. */
  k: Float64Array;
  /** %D: the `dSmooth` SMA of %K. */
  d: Float64Array;
}

/**
 * Stochastic oscillator: raw `%K = 100 * (close - LL) / (HH - LL)` where `LL`/`HH` are the
 * lowest low and highest high of the last `kPeriod` bars (50 when `HH == LL`, a flat range);
 * `k = sma(raw, kSmooth)` and `d = sma(k, dSmooth)`. Without NaN, `k` starts at index
 * `kPeriod + kSmooth - 2` and `d` at `kPeriod + kSmooth + dSmooth - 3`.
 *
 * @param high High prices.
 * @param low Low prices.
 * @param close Closing prices.
 * @param kPeriod Look-back for the high/low range (integer >= 1, default 14).
 * @param kSmooth SMA length applied to the raw %K (integer >= 1, default 3; 1 = fast %K).
 * @param dSmooth SMA length of %D (integer >= 1, default 3).
 * @returns `{ k, d }` in [0, 100], each the length of the inputs.
 *
 * @example
 * ```ts
 * import { stochastic } from "@quantbook/sdk/factors";
 * const high = new Float64Array([2, 3, 4]);
 * const low = new Float64Array([0, 1, 2]);
 * const close = new Float64Array([1, 3, 2]);
 * stochastic(high, low, close, 2, 1, 1).k; // [NaN, 100, 1/3 * 100]
 * ```
 */
export function stochastic(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  kPeriod = 14,
  kSmooth = 3,
  dSmooth = 3,
): StochasticResult {
  assertSeries("high", high);
  assertSeries("low", low);
  assertSeries("close", close);
  assertSameLength(["high", "low", "close"], high, low, close);
  assertWindow("kPeriod", kPeriod);
  assertWindow("kSmooth", kSmooth);
  assertWindow("dSmooth", dSmooth);
  const lowest = rollingMin(low, kPeriod);
  const highest = rollingMax(high, kPeriod);
  const len = close.length;
  const raw = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const range = highest[i] - lowest[i];
    raw[i] = range === 0
      ? (Number.isNaN(close[i]) ? NaN : 50)
      : 100 * (close[i] - lowest[i]) / range;
  }
  const k = rollingMean(raw, kSmooth);
  const d = rollingMean(k, dSmooth);
  return { k, d };
}
