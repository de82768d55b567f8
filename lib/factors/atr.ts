import { assertSameLength, assertSeries, assertWindow } from "../series/_validate.ts";
import { seededSmoothing } from "./_smoothing.ts";

/**
 * True range: `max(high - low, |high - prevClose|, |low - prevClose|)`. It needs the
 * previous close, so the first bar (and any bar after a missing close, or with a missing
 * high/low) is NaN, as in TA-Lib.
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
 * // [NaN, 3]
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
  if (len > 0) out[0] = NaN;
  for (let i = 1; i < len; i++) {
    const h = high[i];
    const l = low[i];
    const previous = close[i - 1];
    out[i] = Math.max(h - l, Math.abs(h - previous), Math.abs(l - previous));
  }
  return out;
}

/**
 * Average True Range with Wilder smoothing: the first value (index `n` without NaN, as in
 * TA-Lib) is the mean of the first `n` true ranges (see {@link trueRange}), then
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
 * const high = new Float64Array([3, 5, 6, 4]);
 * const low = new Float64Array([1, 4, 4, 2]);
 * const close = new Float64Array([2, 4.5, 5, 3]);
 * atr(high, low, close, 2); // [NaN, NaN, 2.5, 2.75]
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
