/** Assertion helpers shared by the indicator and factor case tests. */
import assert from "node:assert/strict";

/** A Float64Array from plain numbers. */
export const F = (values: number[]): Float64Array => Float64Array.from(values);

/** Asserts elementwise equality at 1e-12 relative, NaN positions included. */
export function assertClose(actual: Float64Array, expected: number[], label = ""): void {
  assert.equal(actual.length, expected.length, `${label} length`);
  expected.forEach((e, i) => {
    const a = actual[i];
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `${label}[${i}] = ${a}, expected NaN`);
    else {
      assert.ok(
        Math.abs(a - e) <= 1e-12 * Math.max(1, Math.abs(e)),
        `${label}[${i}] = ${a}, expected ${e}`,
      );
    }
  });
}
