import { rollingMean, type RollingOptions } from "../series/mod.ts";
import { assertFinite, assertSameLength, assertSeries, assertWindow } from "../series/_validate.ts";

/**
 * Amihud illiquidity: the rolling mean of `|r[i]| / (close[i] * volume[i])`, the absolute
 * simple return per unit of dollar (quote) volume, `r[i] = close[i] / close[i-1] - 1`.
 * A bar with zero dollar volume has no defined ratio and counts as missing (NaN); with the
 * default `minPeriods` (= window) a window holding a missing bar yields NaN, a smaller
 * `minPeriods` skips them. First value at index `window`.
 *
 * @param close Prices.
 * @param volume Volume in base units (dollar volume is `close * volume`).
 * @param window Number of bars averaged (integer >= 1).
 * @param options `{ minPeriods }` (default `window`).
 * @returns Illiquidity per bar (higher = less liquid), same length as `close`.
 *
 * @example
 * ```ts
 * import { amihudIlliquidity } from "@quantbook/sdk/factors";
 * const close = new Float64Array([100, 102, 100]);
 * const volume = new Float64Array([10, 20, 10]);
 * amihudIlliquidity(close, volume, 2); // [NaN, NaN, (0.02 / 2040 + (2 / 102) / 1000) / 2]
 * ```
 */
export function amihudIlliquidity(
  close: Float64Array,
  volume: Float64Array,
  window: number,
  options: RollingOptions = {},
): Float64Array {
  assertSeries("close", close);
  assertSeries("volume", volume);
  assertSameLength(["close", "volume"], close, volume);
  assertWindow("window", window);
  const len = close.length;
  const ratio = new Float64Array(len).fill(NaN);
  for (let i = 1; i < len; i++) {
    const dollarVolume = close[i] * volume[i];
    if (dollarVolume === 0) continue;
    ratio[i] = Math.abs(close[i] / close[i - 1] - 1) / dollarVolume;
  }
  return rollingMean(ratio, window, options);
}

/** Options of {@link liquidityScore}. */
export interface LiquidityScoreOptions {
  /**
   * Multiplier applied to the Amihud ratio (default 1e6, so `scale * amihud` is the absolute
   * return per million of dollar volume). Pick it so typical values of `scale * amihud` are
   * near 1 for your market and bar size.
   */
  scale?: number;
}

/**
 * Liquidity score in (0, 1]: `1 / (1 + scale * amihud)`; 1 is perfectly liquid, values
 * fall towards 0 as the price impact per dollar grows. NaN where the input is NaN.
 *
 * @param amihud Amihud illiquidity (see {@link amihudIlliquidity}).
 * @param options `{ scale }` (default 1e6).
 * @returns The score, same length as the input.
 *
 * @example
 * ```ts
 * import { liquidityScore } from "@quantbook/sdk/factors";
 * liquidityScore(new Float64Array([0, 1e-6, NaN])); // [1, 0.5, NaN]
 * ```
 */
export function liquidityScore(
  amihud: Float64Array,
  options: LiquidityScoreOptions = {},
): Float64Array {
  assertSeries("amihud", amihud);
  const scale = options.scale ?? 1e6;
  assertFinite("options.scale", scale);
  if (scale <= 0) throw new RangeError(`options.scale must be > 0 (got ${scale})`);
  const out = new Float64Array(amihud.length);
  for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + scale * amihud[i]);
  return out;
}
