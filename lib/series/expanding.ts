import { extremeKernel, momentKernel, orderKernel, sumKernel } from "./_window_kernels.ts";
import { assertFinite, assertSeries, resolveMinPeriods } from "./_validate.ts";
import type { RollingOptions } from "./types.ts";

/** Expanding windows are rolling windows as long as the series; minPeriods defaults to 1. */
function _expanding(x: Float64Array, opts?: RollingOptions): [number, number] {
  assertSeries("x", x);
  const window = Math.max(x.length, 1);
  return [window, resolveMinPeriods(opts?.minPeriods ?? 1, window)];
}

/**
 * Expanding sum of all values so far, skipping NaNs (pandas `expanding().sum()`).
 *
 * @example
 * ```ts
 * import { expandingSum } from "@quantbook/sdk/series";
 * expandingSum(new Float64Array([1, 2, 3])); // [1, 3, 6]
 * ```
 */
export function expandingSum(x: Float64Array, opts?: RollingOptions): Float64Array {
  const [w, mp] = _expanding(x, opts);
  return sumKernel(x, w, mp, false);
}

/**
 * Expanding mean of all values so far (pandas `expanding().mean()`).
 *
 * @example
 * ```ts
 * import { expandingMean } from "@quantbook/sdk/series";
 * expandingMean(new Float64Array([1, 2, 3])); // [1, 1.5, 2]
 * ```
 */
export function expandingMean(x: Float64Array, opts?: RollingOptions): Float64Array {
  const [w, mp] = _expanding(x, opts);
  return sumKernel(x, w, mp, true);
}

/**
 * Expanding sample variance (ddof 1, pandas `expanding().var()`).
 *
 * @example
 * ```ts
 * import { expandingVar } from "@quantbook/sdk/series";
 * expandingVar(new Float64Array([1, 2, 4])); // [NaN, 0.5, 2.3333...]
 * ```
 */
export function expandingVar(x: Float64Array, opts?: RollingOptions): Float64Array {
  const [w, mp] = _expanding(x, opts);
  return momentKernel(x, w, mp, 0);
}

/**
 * Expanding sample standard deviation (ddof 1, pandas `expanding().std()`).
 *
 * @example
 * ```ts
 * import { expandingStd } from "@quantbook/sdk/series";
 * expandingStd(new Float64Array([1, 2, 3])); // [NaN, 0.7071..., 1]
 * ```
 */
export function expandingStd(x: Float64Array, opts?: RollingOptions): Float64Array {
  const [w, mp] = _expanding(x, opts);
  return momentKernel(x, w, mp, 1);
}

/**
 * Expanding z-score of each value against all values up to and including it (ddof 1).
 *
 * @example
 * ```ts
 * import { expandingZscore } from "@quantbook/sdk/series";
 * expandingZscore(new Float64Array([1, 2, 3])); // [NaN, 0.7071..., 1]
 * ```
 */
export function expandingZscore(x: Float64Array, opts?: RollingOptions): Float64Array {
  const [w, mp] = _expanding(x, opts);
  return momentKernel(x, w, mp, 2);
}

/**
 * Expanding minimum (pandas `expanding().min()`).
 *
 * @example
 * ```ts
 * import { expandingMin } from "@quantbook/sdk/series";
 * expandingMin(new Float64Array([3, 1, 2])); // [3, 1, 1]
 * ```
 */
export function expandingMin(x: Float64Array, opts?: RollingOptions): Float64Array {
  const [w, mp] = _expanding(x, opts);
  return extremeKernel(x, w, mp, false);
}

/**
 * Expanding maximum (pandas `expanding().max()`).
 *
 * @example
 * ```ts
 * import { expandingMax } from "@quantbook/sdk/series";
 * expandingMax(new Float64Array([1, 3, 2])); // [1, 3, 3]
 * ```
 */
export function expandingMax(x: Float64Array, opts?: RollingOptions): Float64Array {
  const [w, mp] = _expanding(x, opts);
  return extremeKernel(x, w, mp, true);
}

/**
 * Expanding percentile rank of each value among all values so far (pandas
 * `expanding().rank(pct=True)`): uses only the past, so it is safe for regimes.
 *
 * @example
 * ```ts
 * import { expandingRank } from "@quantbook/sdk/series";
 * expandingRank(new Float64Array([1, 3, 2])); // [1, 1, 0.6667]
 * ```
 */
export function expandingRank(x: Float64Array, opts?: RollingOptions): Float64Array {
  const [w, mp] = _expanding(x, opts);
  return orderKernel(x, w, mp, -1);
}

/**
 * Expanding quantile `q` in [0, 1] with linear interpolation (pandas
 * `expanding().quantile(q)`).
 *
 * @example
 * ```ts
 * import { expandingQuantile } from "@quantbook/sdk/series";
 * expandingQuantile(new Float64Array([1, 2, 3]), 0.5); // [1, 1.5, 2]
 * ```
 */
export function expandingQuantile(
  x: Float64Array,
  q: number,
  opts?: RollingOptions,
): Float64Array {
  const [w, mp] = _expanding(x, opts);
  assertFinite("q", q);
  if (q < 0 || q > 1) throw new RangeError(`q must be in [0, 1] (got ${q})`);
  return orderKernel(x, w, mp, q);
}
