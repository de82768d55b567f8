import { assertSameLength, assertSeries, assertSortedTimes } from "./_validate.ts";

/**
 * Options for {@linkcode asOf} and {@linkcode asOfValues}.
 *
 * @example
 * ```ts
 * import type { AsOfOptions } from "@quantbook/sdk/series";
 * const opts: AsOfOptions = { latencyUs: 5 * 60e6 }; // events usable 5 minutes later
 * ```
 */
export interface AsOfOptions {
  /**
   * Delay in microseconds between an event's timestamp and the first bar allowed to see it
   * (publication, processing and model latency). Default 0.
   */
  latencyUs?: number;
}

/**
 * The no-look-ahead join: for each bar, the index of the last event with
 * `eventTime <= barTime - latencyUs`, or -1 when there is none. Both time arrays are epoch
 * microseconds sorted ascending; O(bars + events).
 *
 * @example
 * ```ts
 * import { asOf } from "@quantbook/sdk/series";
 * const bars = new Float64Array([10, 20, 30]);
 * const events = new Float64Array([5, 19, 21]);
 * asOf(bars, events); // Int32Array [0, 1, 2]
 * asOf(bars, events, { latencyUs: 2 }); // Int32Array [0, 0, 2]
 * ```
 */
export function asOf(
  barTimes: Float64Array,
  eventTimes: Float64Array,
  opts: AsOfOptions = {},
): Int32Array {
  assertSeries("barTimes", barTimes);
  assertSeries("eventTimes", eventTimes);
  const latency = opts.latencyUs ?? 0;
  if (!Number.isFinite(latency) || latency < 0) {
    throw new RangeError(`latencyUs must be a finite number >= 0 (got ${latency})`);
  }
  assertSortedTimes("barTimes", barTimes);
  assertSortedTimes("eventTimes", eventTimes);
  const out = new Int32Array(barTimes.length);
  let j = -1;
  for (let i = 0; i < barTimes.length; i++) {
    const cutoff = barTimes[i] - latency;
    while (j + 1 < eventTimes.length && eventTimes[j + 1] <= cutoff) j++;
    out[i] = j;
  }
  return out;
}

/**
 * Aligns event values to bars with {@linkcode asOf}: each bar gets the value of the last
 * event at or before `barTime - latencyUs` (NaN before the first event).
 *
 * @example
 * ```ts
 * import { asOfValues } from "@quantbook/sdk/series";
 * asOfValues(
 *   new Float64Array([10, 20]),
 *   new Float64Array([15]),
 *   new Float64Array([0.8]),
 * ); // [NaN, 0.8]
 * ```
 */
export function asOfValues(
  barTimes: Float64Array,
  eventTimes: Float64Array,
  values: Float64Array,
  opts: AsOfOptions = {},
): Float64Array {
  assertSeries("values", values);
  assertSameLength(["eventTimes", "values"], eventTimes, values);
  const idx = asOf(barTimes, eventTimes, opts);
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = idx[i] >= 0 ? values[idx[i]] : NaN;
  return out;
}
