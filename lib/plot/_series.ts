import { formatMicros } from "./_format.ts";

/** Plain JSON array of a numeric series; NaN and ±Infinity become `null` (plotly gaps). */
export function toJsonNumbers(x: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Number.isFinite(x[i]) ? x[i] : null;
  return out;
}

/**
 * Epoch microseconds -> UTC date strings without a zone (`2024-03-01 00:05:00`) for plotly
 * date axes. Not epoch numbers: plotly.js shows numeric dates in the viewer's local time
 * zone, while zone-less strings are drawn as written, i.e. in UTC for everyone.
 */
export function microsToDates(timestamp: ArrayLike<number>): (string | null)[] {
  const out = new Array<string | null>(timestamp.length);
  for (let i = 0; i < timestamp.length; i++) {
    out[i] = Number.isFinite(timestamp[i]) ? formatMicros(timestamp[i]) : null;
  }
  return out;
}

/** Throws a RangeError naming the argument when a series is not as long as the time axis. */
export function assertAligned(name: string, length: number, x: ArrayLike<number>): void {
  if (x.length !== length) {
    throw new RangeError(
      `${name} has length ${x.length} but the time axis has ${length}: pass series aligned ` +
        `to the same bars (outputs of the SDK keep the input length, with NaN warm-up).`,
    );
  }
}

/** Throws a TypeError naming the argument when it is not a numeric array. */
export function assertNumeric(name: string, x: unknown): asserts x is ArrayLike<number> {
  if (!(x instanceof Float64Array) && !Array.isArray(x) && !ArrayBuffer.isView(x)) {
    throw new TypeError(
      `${name} must be a Float64Array (or an array of numbers), got ${describe(x)}.`,
    );
  }
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return (x as object).constructor?.name ?? "object";
  return typeof x;
}

/** Checks that `x` is a numeric series of the time axis' `length` (see the two asserts). */
export function assertSeries(
  name: string,
  length: number,
  x: unknown,
): asserts x is ArrayLike<number> {
  assertNumeric(name, x);
  assertAligned(name, length, x);
}
