import { assertSameLength, assertSeries } from "./_validate.ts";

function _cross(a: Float64Array, b: Float64Array, up: boolean): Uint8Array {
  assertSeries("a", a);
  assertSeries("b", b);
  assertSameLength(["a", "b"], a, b);
  const out = new Uint8Array(a.length);
  for (let i = 1; i < a.length; i++) {
    out[i] = up
      ? (a[i - 1] < b[i - 1] && a[i] > b[i] ? 1 : 0)
      : (a[i - 1] > b[i - 1] && a[i] < b[i] ? 1 : 0);
  }
  return out;
}

/**
 * Marks bars where `a` crosses above `b`: `a[i-1] < b[i-1] && a[i] > b[i]` (1, else 0).
 * Comparisons with NaN are false, so warm-up positions never cross.
 *
 * @example
 * ```ts
 * import { crossover } from "@quantbook/sdk/series";
 * crossover(new Float64Array([1, 3]), new Float64Array([2, 2])); // Uint8Array [0, 1]
 * ```
 */
export function crossover(a: Float64Array, b: Float64Array): Uint8Array {
  return _cross(a, b, true);
}

/**
 * Marks bars where `a` crosses below `b`: `a[i-1] > b[i-1] && a[i] < b[i]` (1, else 0).
 *
 * @example
 * ```ts
 * import { crossunder } from "@quantbook/sdk/series";
 * crossunder(new Float64Array([3, 1]), new Float64Array([2, 2])); // Uint8Array [0, 1]
 * ```
 */
export function crossunder(a: Float64Array, b: Float64Array): Uint8Array {
  return _cross(a, b, false);
}
