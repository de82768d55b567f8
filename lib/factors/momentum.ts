import { diff, logReturns, rollingSum } from "../series/mod.ts";
import { assertSeries, assertWindow } from "../series/_validate.ts";

/**
 * Momentum: the sum of the last `window` log returns,
 * `momentum[i] = sum_{j=i-window+1..i} ln(close[j] / close[j-1])` (= `ln(close[i] /
 * close[i-window])` without gaps). The first value is at index `window`; a NaN close makes
 * the windows touching it NaN.
 *
 * @param close Prices.
 * @param window Number of returns summed (integer >= 1).
 * @returns Momentum, same length as `close`.
 *
 * @example
 * ```ts
 * import { momentum } from "@quantbook/sdk/factors";
 * momentum(new Float64Array([100, 110, 121]), 2); // [NaN, NaN, ln(1.21)]
 * ```
 */
export function momentum(close: Float64Array, window: number): Float64Array {
  assertSeries("close", close);
  assertWindow("window", window);
  return rollingSum(logReturns(close), window);
}

/** Options of {@link momentumAcceleration}. */
export interface MomentumAccelerationOptions {
  /** Bars between the two momentum readings compared (integer >= 1, default `window`). */
  lag?: number;
}

/**
 * Momentum acceleration: the change of {@link momentum} over `lag` bars,
 * `acceleration[i] = momentum[i] - momentum[i-lag]` (lag defaults to `window`, comparing the
 * latest window with the one before it). First value at index `window + lag`.
 *
 * @param close Prices.
 * @param window Momentum window (integer >= 1).
 * @param options `{ lag }` (default `window`).
 * @returns Acceleration, same length as `close`.
 *
 * @example
 * ```ts
 * import { momentumAcceleration } from "@quantbook/sdk/factors";
 * const close = new Float64Array([100, 101, 103, 106, 110]);
 * momentumAcceleration(close, 2); // NaN for the first 4 bars, then ln(110/103) - ln(103/100)
 * ```
 */
export function momentumAcceleration(
  close: Float64Array,
  window: number,
  options: MomentumAccelerationOptions = {},
): Float64Array {
  const trend = momentum(close, window);
  const lag = options.lag ?? window;
  assertWindow("options.lag", lag);
  return diff(trend, lag);
}
