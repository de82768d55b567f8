import { assertSameLength, assertSeries } from "../series/_validate.ts";

/**
 * On-Balance Volume: starts at 0 on the first bar, then adds `volume[i]` when the close
 * rises, subtracts it when the close falls and keeps the total when it is unchanged:
 * `obv[i] = obv[i-1] + sign(close[i] - close[i-1]) * volume[i]`. A bar whose step cannot be
 * computed (NaN close, previous close or volume) gives NaN and leaves the total unchanged.
 *
 * @param close Closing prices.
 * @param volume Traded volume per bar.
 * @returns OBV, same length as the inputs.
 *
 * @example
 * ```ts
 * import { obv } from "@quantbook/sdk/factors";
 * obv(new Float64Array([10, 11, 10, 10]), new Float64Array([5, 2, 3, 4])); // [0, 2, -1, -1]
 * ```
 */
export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  assertSeries("close", close);
  assertSeries("volume", volume);
  assertSameLength(["close", "volume"], close, volume);
  const len = close.length;
  const out = new Float64Array(len);
  let total = 0;
  for (let i = 0; i < len; i++) {
    const step = i === 0
      ? (Number.isNaN(close[0]) || Number.isNaN(volume[0]) ? NaN : 0)
      : Math.sign(close[i] - close[i - 1]) * volume[i];
    if (Number.isNaN(step)) {
      out[i] = NaN;
      continue;
    }
    total += step;
    out[i] = total;
  }
  return out;
}
