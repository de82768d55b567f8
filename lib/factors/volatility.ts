import {
  expandingQuantile,
  expandingRank,
  logReturns,
  rollingQuantile,
  rollingRank,
  rollingStd,
} from "../series/mod.ts";
import { assertFinite, assertSeries, assertWindow } from "../series/_validate.ts";

/** Options of {@link realizedVolatility}. */
export interface RealizedVolatilityOptions {
  /**
   * Bars per year used to annualize (default 365: daily bars of a market that trades every
   * day, as crypto does; use 252 for equities' daily bars, 365 * 24 for hourly crypto bars).
   */
  barsPerYear?: number;
}

/**
 * Realized volatility: the rolling sample standard deviation (ddof 1) of the last `window`
 * log returns, annualized: `vol[i] = std(ln(close[j] / close[j-1]), j in window) *
 * sqrt(barsPerYear)`. First value at index `window`.
 *
 * @param close Prices.
 * @param window Number of returns per window (integer >= 2).
 * @param options `{ barsPerYear }` (default 365).
 * @returns Annualized volatility as a fraction (0.5 = 50%), same length as `close`.
 *
 * @example
 * ```ts
 * import { realizedVolatility } from "@quantbook/sdk/factors";
 * const close = new Float64Array([100, 101, 100, 102, 101]);
 * realizedVolatility(close, 3, { barsPerYear: 252 });
 * ```
 */
export function realizedVolatility(
  close: Float64Array,
  window: number,
  options: RealizedVolatilityOptions = {},
): Float64Array {
  assertSeries("close", close);
  assertWindow("window", window, 2);
  const barsPerYear = options.barsPerYear ?? 365;
  assertFinite("options.barsPerYear", barsPerYear);
  if (barsPerYear <= 0) {
    throw new RangeError(`options.barsPerYear must be > 0 (got ${barsPerYear})`);
  }
  const out = rollingStd(logReturns(close), window);
  const scale = Math.sqrt(barsPerYear);
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}

/** Options of {@link volatilityPercentile} and {@link volatilityRegime}. */
export interface VolatilityWindowOptions {
  /**
   * Look-back in bars for the percentile/quantiles (integer >= 1). Default: none, i.e.
   * expanding (all bars up to and including the current one). Never the full sample: that
   * would use the future.
   */
  window?: number;
}

/**
 * Volatility percentile: where the current volatility sits among the past ones, as the
 * percentile rank of `vol[i]` in its look-back (pandas `rank(pct=True)`, ties averaged),
 * rolling over `window` bars or expanding from the first bar. Uses only data up to `i`.
 *
 * @param volatility A volatility series (e.g. from {@link realizedVolatility}).
 * @param options `{ window }` (default expanding).
 * @returns Percentile in (0, 1], same length as the input.
 *
 * @example
 * ```ts
 * import { volatilityPercentile } from "@quantbook/sdk/factors";
 * volatilityPercentile(new Float64Array([0.2, 0.1, 0.3])); // [1, 0.5, 1]
 * ```
 */
export function volatilityPercentile(
  volatility: Float64Array,
  options: VolatilityWindowOptions = {},
): Float64Array {
  assertSeries("volatility", volatility);
  const { window } = options;
  if (window === undefined) return expandingRank(volatility);
  assertWindow("options.window", window);
  return rollingRank(volatility, window);
}

/** Options of {@link volatilityRegime}. */
export interface VolatilityRegimeOptions extends VolatilityWindowOptions {
  /** Quantile below which volatility is "low" (default 0.25). */
  lowQuantile?: number;
  /** Quantile above which volatility is "high" (default 0.75). */
  highQuantile?: number;
}

/** Code of the low-volatility regime in {@link volatilityRegime}'s output. */
export const VOLATILITY_LOW = -1;
/** Code of the normal-volatility regime in {@link volatilityRegime}'s output. */
export const VOLATILITY_NORMAL = 0;
/** Code of the high-volatility regime in {@link volatilityRegime}'s output. */
export const VOLATILITY_HIGH = 1;

/**
 * Volatility regime from rolling (or expanding) quantiles of the volatility itself:
 * `-1` (low) when `vol[i] < Q(lowQuantile)`, `1` (high) when `vol[i] > Q(highQuantile)`,
 * `0` (normal) otherwise (so a flat volatility is normal), where `Q` is the
 * linear-interpolated quantile of the look-back ending at `i` (no future data). NaN when
 * the volatility or a quantile is missing.
 *
 * @param volatility A volatility series (e.g. from {@link realizedVolatility}).
 * @param options `{ window, lowQuantile = 0.25, highQuantile = 0.75 }` (default expanding).
 * @returns Regime codes (see {@link VOLATILITY_LOW}, {@link VOLATILITY_NORMAL},
 *   {@link VOLATILITY_HIGH}) as a Float64Array, NaN where unknown.
 *
 * @example
 * ```ts
 * import { volatilityRegime } from "@quantbook/sdk/factors";
 * volatilityRegime(new Float64Array([0.2, 0.4, 0.3, 0.1, 0.9]), { window: 4 });
 * // [NaN, NaN, NaN, -1, 1]
 * ```
 */
export function volatilityRegime(
  volatility: Float64Array,
  options: VolatilityRegimeOptions = {},
): Float64Array {
  assertSeries("volatility", volatility);
  const { window, lowQuantile = 0.25, highQuantile = 0.75 } = options;
  assertFinite("options.lowQuantile", lowQuantile);
  assertFinite("options.highQuantile", highQuantile);
  if (!(0 <= lowQuantile && lowQuantile < highQuantile && highQuantile <= 1)) {
    throw new RangeError(
      `need 0 <= options.lowQuantile < options.highQuantile <= 1 (got ${lowQuantile} and ` +
        `${highQuantile})`,
    );
  }
  if (window !== undefined) assertWindow("options.window", window);
  const low = window === undefined
    ? expandingQuantile(volatility, lowQuantile)
    : rollingQuantile(volatility, window, lowQuantile);
  const high = window === undefined
    ? expandingQuantile(volatility, highQuantile)
    : rollingQuantile(volatility, window, highQuantile);
  const out = new Float64Array(volatility.length);
  for (let i = 0; i < out.length; i++) {
    const v = volatility[i];
    if (Number.isNaN(v) || Number.isNaN(low[i]) || Number.isNaN(high[i])) out[i] = NaN;
    else if (v < low[i]) out[i] = VOLATILITY_LOW;
    else if (v > high[i]) out[i] = VOLATILITY_HIGH;
    else out[i] = VOLATILITY_NORMAL;
  }
  return out;
}
