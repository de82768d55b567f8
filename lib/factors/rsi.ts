import { assertSeries, assertWindow } from "../series/_validate.ts";
import { seededSmoothing } from "./_smoothing.ts";

/**
 * Relative Strength Index with Wilder smoothing. With `d[i] = close[i] - close[i-1]`,
 * gains `max(d, 0)` and losses `max(-d, 0)` are averaged by Wilder's rule (seeded with the
 * simple mean of the first `n` changes, then `avg = (avg * (n - 1) + value) / n`), and
 * `rsi = 100 - 100 / (1 + avgGain / avgLoss)`. When `avgLoss` is 0 the RSI is 100, or 50
 * when `avgGain` is 0 too (a flat market). The first value is at index `n`; a NaN close
 * gives NaN at the changes it touches and the averages resume afterwards.
 *
 * @param close Closing prices.
 * @param n Smoothing period (integer >= 1, default 14).
 * @returns RSI in [0, 100], same length as `close`.
 *
 * @example
 * ```ts
 * import { rsi } from "@quantbook/sdk/factors";
 * rsi(new Float64Array([1, 2, 1, 2]), 2); // [NaN, NaN, 50, 75]
 * ```
 */
export function rsi(close: Float64Array, n = 14): Float64Array {
  assertSeries("close", close);
  assertWindow("n", n);
  const len = close.length;
  const gains = new Float64Array(len);
  const losses = new Float64Array(len);
  if (len > 0) gains[0] = losses[0] = NaN;
  for (let i = 1; i < len; i++) {
    const change = close[i] - close[i - 1]; // NaN propagates through Math.max
    gains[i] = Math.max(change, 0);
    losses[i] = Math.max(-change, 0);
  }
  const avgGain = seededSmoothing(gains, n, 1 / n);
  const avgLoss = seededSmoothing(losses, n, 1 / n);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    // 100 - 100 / (1 + g / l) written as 100 g / (g + l): exact at l = 0, no cancellation
    const total = avgGain[i] + avgLoss[i];
    out[i] = total === 0 ? 50 : (100 * avgGain[i]) / total;
  }
  return out;
}
