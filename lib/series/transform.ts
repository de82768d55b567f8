import { assertSeries } from "./_validate.ts";

function _lag(name: string, n: number): void {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be an integer (got ${n})`);
}

/**
 * Shifts a series by `n` positions (positive = lag, like pandas `shift(n)`), filling with NaN.
 *
 * @example
 * ```ts
 * import { shift } from "@quantbook/sdk/series";
 * shift(new Float64Array([1, 2, 3])); // [NaN, 1, 2]
 * shift(new Float64Array([1, 2, 3]), -1); // [2, 3, NaN]
 * ```
 */
export function shift(x: Float64Array, n = 1): Float64Array {
  assertSeries("x", x);
  _lag("n", n);
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  if (n >= 0) out.set(x.subarray(0, Math.max(0, len - n)), Math.min(n, len));
  else out.set(x.subarray(Math.min(-n, len)), 0);
  return out;
}

/**
 * Difference with the value `n` positions earlier: `x[i] - x[i-n]` (pandas `diff(n)`).
 *
 * @example
 * ```ts
 * import { diff } from "@quantbook/sdk/series";
 * diff(new Float64Array([1, 4, 9])); // [NaN, 3, 5]
 * ```
 */
export function diff(x: Float64Array, n = 1): Float64Array {
  assertSeries("x", x);
  _lag("n", n);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = i - n;
    out[i] = j >= 0 && j < x.length ? x[i] - x[j] : NaN;
  }
  return out;
}

/**
 * Simple returns over `n` positions: `x[i] / x[i-n] - 1` (pandas `pct_change(n)`, without
 * forward-filling NaNs: a missing price gives missing returns).
 *
 * @example
 * ```ts
 * import { pctChange } from "@quantbook/sdk/series";
 * pctChange(new Float64Array([100, 110, 99])); // [NaN, 0.1, -0.1]
 * ```
 */
export function pctChange(x: Float64Array, n = 1): Float64Array {
  assertSeries("x", x);
  _lag("n", n);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = i - n;
    out[i] = j >= 0 && j < x.length ? x[i] / x[j] - 1 : NaN;
  }
  return out;
}

/**
 * Log returns `ln(x[i] / x[i-1])`; the first value is NaN.
 *
 * @example
 * ```ts
 * import { logReturns } from "@quantbook/sdk/series";
 * logReturns(new Float64Array([100, 110])); // [NaN, 0.09531...]
 * ```
 */
export function logReturns(x: Float64Array): Float64Array {
  assertSeries("x", x);
  const out = new Float64Array(x.length);
  if (x.length > 0) out[0] = NaN;
  for (let i = 1; i < x.length; i++) out[i] = Math.log(x[i] / x[i - 1]);
  return out;
}

/**
 * Cumulative sum skipping NaNs (a NaN input stays NaN at its position, like pandas
 * `cumsum()`).
 *
 * @example
 * ```ts
 * import { cumsum } from "@quantbook/sdk/series";
 * cumsum(new Float64Array([1, NaN, 2])); // [1, NaN, 3]
 * ```
 */
export function cumsum(x: Float64Array): Float64Array {
  assertSeries("x", x);
  const out = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === v) {
      s += v;
      out[i] = s;
    } else {
      out[i] = NaN;
    }
  }
  return out;
}
