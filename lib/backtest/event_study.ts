import { assertSeries } from "../series/_validate.ts";

/**
 * Options of {@linkcode eventStudy}.
 *
 * @example
 * ```ts
 * import type { EventStudyOptions } from "@quantbook/sdk/backtest";
 * const opts: EventStudyOptions = { window: 10, latencyUs: 60e6 };
 * ```
 */
export interface EventStudyOptions {
  /** Bars before and after the event bar to include (default 5). */
  window?: number;
  /** Delay in µs between an event's timestamp and the first bar allowed to see it (default 0). */
  latencyUs?: number;
}

/**
 * Result of {@linkcode eventStudy}: one value per offset from `-window` to `+window`.
 *
 * @example
 * ```ts
 * import type { EventStudyResult } from "@quantbook/sdk/backtest";
 * const drift = (r: EventStudyResult) => r.meanCumReturn[r.meanCumReturn.length - 1];
 * ```
 */
export interface EventStudyResult {
  /** Offsets in bars relative to the event bar (0). */
  offsets: Float64Array;
  /** Mean bar return `close[a+o] / close[a+o-1] - 1` across events at each offset. */
  meanReturn: Float64Array;
  /** Mean cumulative return `close[a+o] / close[a] - 1` (0 at offset 0). */
  meanCumReturn: Float64Array;
  /** Events with data at each offset. */
  count: Float64Array;
  /** Event bar of each event (-1 when it falls after the last bar). */
  eventBar: Int32Array;
}

/**
 * Event study without look-ahead: each event is anchored at its event bar `a`, the first bar
 * whose timestamp is at or after `eventTime + latencyUs` (the same rule as the as-of join:
 * the first bar allowed to see the event). Returns the average bar return and the average
 * cumulative path `close[a+o] / close[a] - 1` from `-window` to `+window` bars, with counts.
 * The return at offset 0 is the bar in which the event became known; a trade decided at the
 * event bar's close earns the returns from offset +1 on. Filter the events first (e.g. news
 * with sentiment above a threshold).
 *
 * @example
 * ```ts
 * import { eventStudy } from "@quantbook/sdk/backtest";
 * const day = 86_400e6;
 * const times = Float64Array.from({ length: 10 }, (_, i) => i * day);
 * const close = new Float64Array([10, 10, 10, 10, 11, 12, 12, 12, 12, 12]);
 * const r = eventStudy(times, close, new Float64Array([3.5 * day]), { window: 2 });
 * r.eventBar; // [4]
 * r.meanCumReturn; // [-0.0909..., -0.0909..., 0, 0.0909..., 0.0909...]
 * ```
 */
export function eventStudy(
  barTimes: Float64Array,
  close: Float64Array,
  eventTimes: Float64Array,
  options: EventStudyOptions = {},
): EventStudyResult {
  assertSeries("barTimes", barTimes);
  assertSeries("close", close);
  assertSeries("eventTimes", eventTimes);
  if (barTimes.length !== close.length) {
    throw new RangeError(
      `barTimes has length ${barTimes.length} but close has ${close.length}; one time per bar`,
    );
  }
  const k = options.window ?? 5;
  if (!Number.isInteger(k) || k < 0) {
    throw new RangeError(`window must be an integer >= 0 (got ${k})`);
  }
  const latency = options.latencyUs ?? 0;
  if (!Number.isFinite(latency) || latency < 0) {
    throw new RangeError(`latencyUs must be a finite number >= 0 (got ${latency})`);
  }
  const n = close.length;
  for (let i = 1; i < n; i++) {
    if (!(barTimes[i] > barTimes[i - 1])) {
      throw new RangeError(
        `barTimes must increase strictly: barTimes[${i}] is not after barTimes[${i - 1}]`,
      );
    }
  }
  const width = 2 * k + 1;
  const sumR = new Float64Array(width);
  const sumC = new Float64Array(width);
  const cntR = new Float64Array(width);
  const cntC = new Float64Array(width);
  const eventBar = new Int32Array(eventTimes.length);
  for (let e = 0; e < eventTimes.length; e++) {
    const t = eventTimes[e];
    if (!Number.isFinite(t)) {
      throw new RangeError(`eventTimes[${e}]=${t} is not a timestamp; drop events without time`);
    }
    const a = firstAtOrAfter(barTimes, t + latency);
    eventBar[e] = a < n ? a : -1;
    if (a >= n) continue;
    for (let o = -k; o <= k; o++) {
      const j = a + o;
      if (j < 0 || j >= n) continue;
      const slot = o + k;
      if (j >= 1 && close[j] > 0 && close[j - 1] > 0) {
        sumR[slot] += close[j] / close[j - 1] - 1;
        cntR[slot]++;
      }
      if (close[j] > 0 && close[a] > 0) {
        sumC[slot] += close[j] / close[a] - 1;
        cntC[slot]++;
      }
    }
  }
  return {
    offsets: Float64Array.from({ length: width }, (_, s) => s - k),
    meanReturn: Float64Array.from(sumR, (v, s) => (cntR[s] ? v / cntR[s] : NaN)),
    meanCumReturn: Float64Array.from(sumC, (v, s) => (cntC[s] ? v / cntC[s] : NaN)),
    count: cntC,
    eventBar,
  };
}

/** Index of the first value of sorted `t` that is >= `x` (t.length when none). */
function firstAtOrAfter(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
