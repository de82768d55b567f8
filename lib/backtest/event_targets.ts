import { asOf } from "../series/mod.ts";
import { assertSeries } from "../series/_validate.ts";

/**
 * Options of {@linkcode eventTargets}.
 *
 * @example
 * ```ts
 * import type { EventTargetOptions } from "@quantbook/sdk/backtest";
 * const opts: EventTargetOptions = { latencyUs: 5 * 60e6, threshold: 0.3, maxAgeUs: 86_400e6 };
 * ```
 */
export interface EventTargetOptions {
  /** Delay in µs before a bar may see an event (publication + model latency). Default 0. */
  latencyUs?: number;
  /** Scores above `threshold` go long, below `-threshold` short (or flat); default 0. */
  threshold?: number;
  /** `"longShort"` (default) or `"longOnly"` (negative scores mean flat). */
  side?: "longShort" | "longOnly";
  /** The last event stops counting once it is older than this (µs); default: never. */
  maxAgeUs?: number;
}

/**
 * Turns time-stamped scores (e.g. LLM sentiment on news) into backtest targets through the
 * as-of join: bar i uses the last event with `eventTime <= barTime[i] - latencyUs`, so an
 * event at time t can only reach decisions at bars stamped t + latency or later, and fills
 * after that. Target = 1 when the score is above `threshold`, -1 (or 0 long-only) below
 * `-threshold`, else 0; 0 again once the event is older than `maxAgeUs`; NaN before the
 * first event (flat).
 *
 * @example
 * ```ts
 * import { eventTargets } from "@quantbook/sdk/backtest";
 * const bars = new Float64Array([0, 10, 20, 30]);
 * const targets = eventTargets(bars, new Float64Array([5, 18]), new Float64Array([0.9, -0.8]), {
 *   latencyUs: 3,
 * });
 * targets; // [NaN, 1, 1, -1]: bar 20 cannot see the event at 18 yet (18 > 20 - 3)
 * ```
 */
export function eventTargets(
  barTimes: Float64Array,
  eventTimes: Float64Array,
  scores: Float64Array,
  options: EventTargetOptions = {},
): Float64Array {
  assertSeries("scores", scores);
  if (scores.length !== eventTimes.length) {
    throw new RangeError(
      `scores has length ${scores.length} but eventTimes has ${eventTimes.length}; one score per event`,
    );
  }
  const latency = options.latencyUs ?? 0;
  const threshold = options.threshold ?? 0;
  const maxAge = options.maxAgeUs ?? Infinity;
  const short = options.side === "longOnly" ? 0 : -1;
  const idx = asOf(barTimes, eventTimes, { latencyUs: latency });
  const out = new Float64Array(barTimes.length);
  for (let i = 0; i < out.length; i++) {
    const k = idx[i];
    if (k < 0) {
      out[i] = NaN;
      continue;
    }
    const s = scores[k];
    const age = barTimes[i] - eventTimes[k];
    out[i] = age > maxAge || !(Math.abs(s) > threshold) ? 0 : s > 0 ? 1 : short;
  }
  return out;
}
