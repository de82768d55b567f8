/** Argument checks shared by every domain: clear errors naming the argument and the fix. */

/** Throws a TypeError unless `x` is a Float64Array. */
export function assertSeries(name: string, x: unknown): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) {
    const got = x === null ? "null" : Array.isArray(x) ? "an Array" : typeof x;
    throw new TypeError(
      `${name} must be a Float64Array (got ${got}); wrap plain arrays with Float64Array.from(...)`,
    );
  }
}

/** Throws a RangeError unless `n` is an integer >= `min` (default 1). */
export function assertWindow(name: string, n: number, min = 1): void {
  if (!Number.isInteger(n) || n < min) {
    throw new RangeError(`${name} must be an integer >= ${min} (got ${n})`);
  }
}

/** Throws a RangeError unless all arrays have the same length, naming the odd one. */
export function assertSameLength(names: string[], ...arrays: ArrayLike<unknown>[]): void {
  const n = arrays[0]?.length ?? 0;
  for (let k = 1; k < arrays.length; k++) {
    if (arrays[k].length !== n) {
      throw new RangeError(
        `${names[k]} has length ${arrays[k].length} but ${names[0]} has length ${n}; ` +
          `align the series to the same index first`,
      );
    }
  }
}

/** Throws a RangeError unless `v` is a finite number. */
export function assertFinite(name: string, v: number): void {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`${name} must be a finite number (got ${v})`);
  }
}

/** Resolves `minPeriods` against a window, validating it lies in [1, window]. */
export function resolveMinPeriods(minPeriods: number | undefined, window: number): number {
  if (minPeriods === undefined) return window;
  if (!Number.isInteger(minPeriods) || minPeriods < 1 || minPeriods > window) {
    throw new RangeError(
      `minPeriods must be an integer in [1, window=${window}] (got ${minPeriods})`,
    );
  }
  return minPeriods;
}

/** Throws a RangeError unless `t` is sorted non-decreasing, naming the first bad index. */
export function assertSortedTimes(name: string, t: Float64Array): void {
  for (let i = 1; i < t.length; i++) {
    if (!(t[i] >= t[i - 1])) {
      throw new RangeError(
        `${name} must be sorted ascending without NaN: ${name}[${i}]=${t[i]} < ${name}[${i - 1}]=${
          t[i - 1]
        }; sort the events by time first`,
      );
    }
  }
}
