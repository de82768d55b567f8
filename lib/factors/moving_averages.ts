import { rollingMean } from "../series/mod.ts";
import { assertSeries, assertWindow } from "../series/_validate.ts";
import { seededSmoothing } from "./_smoothing.ts";
import { weightedRollingMean } from "./_wma.ts";

/**
 * Simple moving average: `sma[i] = mean(x[i-n+1..i])`. Input-aligned; the first `n - 1`
 * values are NaN and any window holding a NaN yields NaN.
 *
 * @param x Input series.
 * @param n Window length (integer >= 1).
 * @returns The moving average, same length as `x`.
 *
 * @example
 * ```ts
 * import { sma } from "@quantbook/sdk/factors";
 * sma(new Float64Array([1, 2, 3, 4]), 2); // [NaN, 1.5, 2.5, 3.5]
 * ```
 */
export function sma(x: Float64Array, n: number): Float64Array {
  assertSeries("x", x);
  assertWindow("n", n);
  return rollingMean(x, n);
}

/**
 * Exponential moving average with `alpha = 2 / (n + 1)`, seeded with the SMA of the first
 * `n` consecutive valid values (so `ema` starts where `sma` starts, at index `n - 1` for a
 * series without NaN): `ema[i] = (1 - alpha) * ema[i-1] + alpha * x[i]`. A NaN input after
 * the seed gives NaN at that index and the average resumes from its last value.
 *
 * @param x Input series.
 * @param n Span (integer >= 1).
 * @returns The EMA, same length as `x`, NaN during the warm-up.
 *
 * @example
 * ```ts
 * import { ema } from "@quantbook/sdk/factors";
 * ema(new Float64Array([1, 2, 3, 4]), 3); // [NaN, NaN, 2, 3]
 * ```
 */
export function ema(x: Float64Array, n: number): Float64Array {
  assertSeries("x", x);
  assertWindow("n", n);
  return seededSmoothing(x, n, 2 / (n + 1));
}

/**
 * Linearly weighted moving average: weights `1..n`, the newest value weighted `n`:
 * `wma[i] = sum_{j=1..n} j * x[i-n+j] / (n (n + 1) / 2)`. NaN warm-up of `n - 1` values; a
 * window holding a NaN yields NaN. Amortized O(len) whatever `n`.
 *
 * @param x Input series.
 * @param n Window length (integer >= 1).
 * @returns The weighted moving average, same length as `x`.
 *
 * @example
 * ```ts
 * import { wma } from "@quantbook/sdk/factors";
 * wma(new Float64Array([1, 2, 3]), 3); // [NaN, NaN, (1 + 4 + 9) / 6]
 * ```
 */
export function wma(x: Float64Array, n: number): Float64Array {
  assertSeries("x", x);
  assertWindow("n", n);
  return weightedRollingMean(x, n);
}
