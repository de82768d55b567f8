import { extremeKernel, momentKernel, orderKernel, sumKernel } from "./_window_kernels.ts";
import { assertFinite, assertSeries, assertWindow, resolveMinPeriods } from "./_validate.ts";
import type { RollingOptions } from "./types.ts";

function _checked(x: Float64Array, window: number, opts?: RollingOptions): number {
  assertSeries("x", x);
  assertWindow("window", window);
  return resolveMinPeriods(opts?.minPeriods, window);
}

/**
 * Rolling sum over the last `window` values. NaN policy like pandas: a window with fewer
 * than `minPeriods` (default `window`) non-NaN values yields NaN; otherwise NaNs are skipped.
 * O(n) whatever the window, on shifted data with periodic exact recomputation.
 *
 * @example
 * ```ts
 * import { rollingSum } from "@quantbook/sdk/series";
 * rollingSum(new Float64Array([1, 2, 3, 4]), 2); // [NaN, 3, 5, 7]
 * ```
 */
export function rollingSum(x: Float64Array, window: number, opts?: RollingOptions): Float64Array {
  return sumKernel(x, window, _checked(x, window, opts), false);
}

/**
 * Rolling mean over the last `window` values (pandas `rolling(window).mean()`), O(n).
 *
 * @example
 * ```ts
 * import { rollingMean } from "@quantbook/sdk/series";
 * rollingMean(new Float64Array([1, 2, 3, 4]), 2); // [NaN, 1.5, 2.5, 3.5]
 * ```
 */
export function rollingMean(x: Float64Array, window: number, opts?: RollingOptions): Float64Array {
  return sumKernel(x, window, _checked(x, window, opts), true);
}

/**
 * Rolling sample variance (ddof 1, like pandas), by Welford add/remove updates with an exact
 * recomputation every few windows: O(n) and stable for series far from zero.
 *
 * @example
 * ```ts
 * import { rollingVar } from "@quantbook/sdk/series";
 * rollingVar(new Float64Array([1, 2, 4]), 2); // [NaN, 0.5, 2]
 * ```
 */
export function rollingVar(x: Float64Array, window: number, opts?: RollingOptions): Float64Array {
  return momentKernel(x, window, _checked(x, window, opts), 0);
}

/**
 * Rolling sample standard deviation (ddof 1, like pandas `rolling(window).std()`), O(n).
 *
 * @example
 * ```ts
 * import { rollingStd } from "@quantbook/sdk/series";
 * rollingStd(new Float64Array([1, 2, 4]), 2); // [NaN, 0.7071..., 1.4142...]
 * ```
 */
export function rollingStd(x: Float64Array, window: number, opts?: RollingOptions): Float64Array {
  return momentKernel(x, window, _checked(x, window, opts), 1);
}

/**
 * Rolling z-score of the last value: `(x[i] - mean) / std` over the window (sample std,
 * ddof 1). NaN where the window's std is 0 or the current value is missing. O(n).
 *
 * @example
 * ```ts
 * import { rollingZscore } from "@quantbook/sdk/series";
 * rollingZscore(new Float64Array([1, 2, 3, 10]), 3); // [NaN, NaN, 1, 1.1470...]
 * ```
 */
export function rollingZscore(
  x: Float64Array,
  window: number,
  opts?: RollingOptions,
): Float64Array {
  return momentKernel(x, window, _checked(x, window, opts), 2);
}

/**
 * Rolling minimum by a monotonic deque: O(n) whatever the window.
 *
 * @example
 * ```ts
 * import { rollingMin } from "@quantbook/sdk/series";
 * rollingMin(new Float64Array([3, 1, 2, 5]), 2); // [NaN, 1, 1, 2]
 * ```
 */
export function rollingMin(x: Float64Array, window: number, opts?: RollingOptions): Float64Array {
  return extremeKernel(x, window, _checked(x, window, opts), false);
}

/**
 * Rolling maximum by a monotonic deque: O(n) whatever the window.
 *
 * @example
 * ```ts
 * import { rollingMax } from "@quantbook/sdk/series";
 * rollingMax(new Float64Array([3, 1, 2, 5]), 2); // [NaN, 3, 2, 5]
 * ```
 */
export function rollingMax(x: Float64Array, window: number, opts?: RollingOptions): Float64Array {
  return extremeKernel(x, window, _checked(x, window, opts), true);
}

/**
 * Rolling percentile rank of the last value within its window, like pandas
 * `rolling(window).rank(pct=True)` (ties take the average rank; divided by the number of
 * non-NaN values). O(n log n) via a Fenwick tree over compressed values.
 *
 * @example
 * ```ts
 * import { rollingRank } from "@quantbook/sdk/series";
 * rollingRank(new Float64Array([1, 3, 2, 2]), 3); // [NaN, NaN, 0.6667, 0.5]
 * ```
 */
export function rollingRank(x: Float64Array, window: number, opts?: RollingOptions): Float64Array {
  return orderKernel(x, window, _checked(x, window, opts), -1);
}

/**
 * Rolling quantile `q` in [0, 1] with linear interpolation (pandas
 * `rolling(window).quantile(q)`), O(n log n) via a Fenwick tree over compressed values.
 *
 * @example
 * ```ts
 * import { rollingQuantile } from "@quantbook/sdk/series";
 * rollingQuantile(new Float64Array([1, 2, 3, 4]), 3, 0.5); // [NaN, NaN, 2, 3]
 * ```
 */
export function rollingQuantile(
  x: Float64Array,
  window: number,
  q: number,
  opts?: RollingOptions,
): Float64Array {
  const minPeriods = _checked(x, window, opts);
  assertFinite("q", q);
  if (q < 0 || q > 1) throw new RangeError(`q must be in [0, 1] (got ${q})`);
  return orderKernel(x, window, minPeriods, q);
}
