import { assertSameLength, assertSeries, assertWindow } from "../series/_validate.ts";
import { seededSmoothing } from "./_smoothing.ts";

/**
 * True range: `max(high - low, |high - prevClose|, |low - prevClose|)`; when the previous
 * close is missing (first bar, or NaN) it is `high - low`. NaN when `high` or `low` is NaN.
 *
 * @param high High prices.
 * @param low Low prices.
 * @param close Closing prices.
 * @returns The true range per bar, same length as the inputs.
 *
 * @example
 * ```ts
 * import { trueRange } from "@quantbook/sdk/factors";
 * trueRange(new Float64Array([3, 5]), new Float64Array([1, 4]), new Float64Array([2, 4.5]));
 * // [2, 3]
 * ```
 */
export function trueRange(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
): Float64Array {
  assertSeries("high", high);
  assertSeries("low", low);
  assertSeries("close", close);
  assertSameLength(["high", "low", "close"], high, low, close);
  const len = high.length;
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const h = high[i];
    const l = low[i];
    let tr = h - l;
    const prev = i > 0 ? close[i - 1] : NaN;
    if (!Number.isNaN(tr) && !Number.isNaN(prev)) {
      tr = Math.max(tr, Math.abs(h - prev), Math.abs(l - prev));
    }
    out[i] = tr;
  }
  return out;
}

/**
 * Average True Range with Wilder smoothing: the first value (index `n - 1` without NaN) is
 * the mean of the first `n` true ranges (see {@link trueRange}), then
 * `atr[i] = (atr[i-1] * (n - 1) + tr[i]) / n`. A NaN bar gives NaN and the average resumes
 * from its last value.
 *
 * @param high High prices.
 * @param low Low prices.
 * @param close Closing prices.
 * @param n Smoothing period (integer >= 1, default 14).
 * @returns ATR, same length as the inputs, NaN during the warm-up.
 *
 * @example
 * ```ts
 * import { atr } from "@quantbook/sdk/factors";
 * const high = new Float64Array([3, 5, 6]);
 * const low = new Float64Array([1, 4, 4]);
 * const close = new Float64Array([2, 4.5, 5]);
 * atr(high, low, close, 2); // [NaN, 2.5, 2.25]
 * ```
 */
export function atr(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  n = 14,
): Float64Array {
  const tr = trueRange(high, low, close);
  assertWindow("n", n);
  return seededSmoothing(tr, n, 1 / n);
}
