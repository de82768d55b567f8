import { rollingMean, rollingVar } from "../series/mod.ts";
import { assertFinite, assertSeries, assertWindow } from "../series/_validate.ts";

/** Bollinger bands, each aligned with the input. */
export interface BollingerBands {
  /** The simple moving average of `close` over `n`. */
  middle: Float64Array;
  /** `middle + k * std`. */
  upper: Float64Array;
  /** `middle - k * std`. */
  lower: Float64Array;
}

/**
 * Bollinger bands: `middle = sma(close, n)`, `upper/lower = middle ± k * std`, where `std` is
 * the rolling POPULATION standard deviation (ddof 0, Bollinger's definition). NaN warm-up of
 * `n - 1` values; a window holding a NaN yields NaN.
 *
 * @param close Closing prices.
 * @param n Window length (integer >= 1, default 20).
 * @param k Band width in standard deviations (finite, default 2).
 * @returns `{ middle, upper, lower }`, each the length of `close`.
 *
 * @example
 * ```ts
 * import { bollinger } from "@quantbook/sdk/factors";
 * const { middle, upper, lower } = bollinger(new Float64Array([1, 3, 5]), 2, 1);
 * // middle [NaN, 2, 4], upper [NaN, 3, 5], lower [NaN, 1, 3]
 * ```
 */
export function bollinger(close: Float64Array, n = 20, k = 2): BollingerBands {
  assertSeries("close", close);
  assertWindow("n", n);
  assertFinite("k", k);
  const len = close.length;
  const middle = rollingMean(close, n);
  const upper = new Float64Array(len);
  const lower = new Float64Array(len);
  const sampleVar = n > 1 ? rollingVar(close, n) : undefined;
  const toPopulation = (n - 1) / n;
  for (let i = 0; i < len; i++) {
    const m = middle[i];
    const variance = sampleVar ? sampleVar[i] * toPopulation : 0;
    const width = k * Math.sqrt(variance);
    upper[i] = m + width;
    lower[i] = m - width;
  }
  return { middle, upper, lower };
}
