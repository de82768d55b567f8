import { rollingMax, rollingSum } from "../series/mod.ts";
import { assertSameLength, assertSeries, assertWindow } from "../series/_validate.ts";

/** Options of {@link vwap}. */
export interface VwapOptions {
  /**
   * Rolling window in bars. Default: none, i.e. the cumulative VWAP from the first bar.
   * With a window, a window holding a NaN bar yields NaN (like the rolling functions).
   */
  window?: number;
}

/**
 * Volume-weighted average price of the typical price `tp = (high + low + close) / 3`:
 * `vwap = sum(tp * volume) / sum(volume)`, cumulative from the first bar by default or over
 * the last `window` bars. In the cumulative form a bar with a NaN price or volume gives NaN
 * at that bar and is left out of the sums; NaN also while the summed volume is 0.
 *
 * @param high High prices.
 * @param low Low prices.
 * @param close Closing prices.
 * @param volume Traded volume per bar.
 * @param options `{ window }` (default cumulative).
 * @returns VWAP, same length as the inputs.
 *
 * @example
 * ```ts
 * import { vwap } from "@quantbook/sdk/factors";
 * const high = new Float64Array([11, 12]);
 * const low = new Float64Array([9, 10]);
 * const close = new Float64Array([10, 11]);
 * vwap(high, low, close, new Float64Array([1, 3])); // [10, (10 + 33) / 4]
 * ```
 */
export function vwap(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  options: VwapOptions = {},
): Float64Array {
  assertSeries("high", high);
  assertSeries("low", low);
  assertSeries("close", close);
  assertSeries("volume", volume);
  assertSameLength(["high", "low", "close", "volume"], high, low, close, volume);
  const { window } = options;
  if (window !== undefined) assertWindow("options.window", window);
  const len = close.length;
  const priceVolume = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    priceVolume[i] = ((high[i] + low[i] + close[i]) / 3) * volume[i];
  }
  const out = new Float64Array(len);
  if (window !== undefined) {
    const numerator = rollingSum(priceVolume, window);
    const denominator = rollingSum(volume, window);
    // a window without volume is undefined (tested on the exact max, not on a float sum)
    const largestVolume = rollingMax(volume, window);
    for (let i = 0; i < len; i++) {
      out[i] = largestVolume[i] > 0 ? numerator[i] / denominator[i] : NaN;
    }
    return out;
  }
  let sumPriceVolume = 0;
  let sumVolume = 0;
  for (let i = 0; i < len; i++) {
    const pv = priceVolume[i];
    if (Number.isNaN(pv)) {
      out[i] = NaN;
      continue;
    }
    sumPriceVolume += pv;
    sumVolume += volume[i];
    out[i] = sumVolume === 0 ? NaN : sumPriceVolume / sumVolume;
  }
  return out;
}
