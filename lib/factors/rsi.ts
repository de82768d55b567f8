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
  const gains = new Float64Array(len).fill(NaN);
  const losses = new Float64Array(len).fill(NaN);
  for (let i = 1; i < len; i++) {
    const d = close[i] - close[i - 1];
    if (Number.isNaN(d)) continue;
    gains[i] = d > 0 ? d : 0;
    losses[i] = d < 0 ? -d : 0;
  }
  const avgGain = seededSmoothing(gains, n, 1 / n);
  const avgLoss = seededSmoothing(losses, n, 1 / n);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const g = avgGain[i];
    const l = avgLoss[i];
    if (Number.isNaN(g) || Number.isNaN(l)) out[i] = NaN;
    else if (l === 0) out[i] = g === 0 ? 50 : 100;
    else out[i] = 100 - 100 / (1 + g / l);
  }
  return out;
}
