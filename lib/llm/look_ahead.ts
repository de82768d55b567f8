import { knowledgeCutoffMicros, MODEL_KNOWLEDGE_CUTOFFS } from "./cutoffs.ts";

/**
 * Options of the look-ahead guard shared by the scoring functions.
 *
 * @example
 * ```ts
 * import type { LookAheadOptions } from "@quantbook/sdk/llm";
 * const guard: LookAheadOptions = { strict: true, cutoffs: { "my-model": "2024-12-31" } };
 * ```
 */
export interface LookAheadOptions {
  /** Throw instead of warning when an event predates a model's cutoff (default false). */
  strict?: boolean;
  /** Cutoffs (`YYYY-MM-DD`) overriding or extending `MODEL_KNOWLEDGE_CUTOFFS`. */
  cutoffs?: Record<string, string>;
  /** Where warnings go (default `console.warn`). */
  onWarning?: (message: string) => void;
}

/**
 * Look-ahead verdict of one model on a set of event times.
 *
 * @example
 * ```ts
 * import type { LookAheadReport } from "@quantbook/sdk/llm";
 * const r: LookAheadReport = { model: "gpt-4o", cutoff: "2023-10-01", cutoffKnown: true, atRisk: 3 };
 * ```
 */
export interface LookAheadReport {
  /** The model checked. */
  model: string;
  /** Its cutoff (`YYYY-MM-DD`) or `""` when unknown. */
  cutoff: string;
  /** Whether the registry knows the cutoff. */
  cutoffKnown: boolean;
  /** How many events are dated on or before the cutoff (all of them when unknown). */
  atRisk: number;
}

/**
 * Checks event times (epoch µs) against each model's knowledge cutoff. Events dated on or
 * before the cutoff may be known to the model along with what followed: it warns (or throws
 * a `RangeError` with `strict: true`). An unknown cutoff counts every event as at risk.
 *
 * @example
 * ```ts
 * import { checkLookAhead } from "@quantbook/sdk/llm";
 * const t = Date.parse("2023-03-10") * 1000; // SVB collapse: well inside gpt-4o's training data
 * checkLookAhead(["gpt-4o"], [t], { onWarning: () => {} })[0].atRisk; // 1
 * ```
 */
export function checkLookAhead(
  models: readonly string[],
  eventTimesUs: ArrayLike<number>,
  options: LookAheadOptions = {},
): LookAheadReport[] {
  const registry = { ...MODEL_KNOWLEDGE_CUTOFFS, ...options.cutoffs };
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  const reports: LookAheadReport[] = [];
  for (const model of models) {
    const cutoffUs = knowledgeCutoffMicros(model, registry);
    let atRisk = 0;
    for (let i = 0; i < eventTimesUs.length; i++) {
      if (cutoffUs === undefined || eventTimesUs[i] <= cutoffUs) atRisk++;
    }
    const cutoff = cutoffUs === undefined
      ? ""
      : new Date(cutoffUs / 1000).toISOString().slice(0, 10);
    reports.push({ model, cutoff, cutoffKnown: cutoffUs !== undefined, atRisk });
    if (atRisk === 0) continue;
    const message = cutoffUs === undefined
      ? `look-ahead risk: knowledge cutoff of model "${model}" is unknown, so ${atRisk} event(s) may predate it; register it with { cutoffs: { "${model}": "YYYY-MM-DD" } }`
      : `look-ahead risk: ${atRisk} of ${eventTimesUs.length} event(s) are dated on or before the knowledge cutoff of "${model}" (${cutoff}); the model may know what happened next. Score later events, use a newer model, or mask names and dates (a mitigation, not a guarantee)`;
    if (options.strict) throw new RangeError(`${message} [strict mode]`);
    warn(message);
  }
  return reports;
}

/**
 * Whether an event at `timeUs` (epoch µs) is dated on or before the knowledge cutoff of
 * `model` (or the cutoff is unknown): the flag recorded as `lookAheadRisk` on every score
 * and signal.
 *
 * @example
 * ```ts
 * import { hasLookAheadRisk } from "@quantbook/sdk/llm";
 * hasLookAheadRisk("gpt-4o", Date.parse("2023-03-10") * 1000); // true
 * hasLookAheadRisk("gpt-4o", Date.parse("2025-03-10") * 1000); // false
 * ```
 */
export function hasLookAheadRisk(
  model: string,
  timeUs: number,
  cutoffs?: Record<string, string>,
): boolean {
  const cutoff = knowledgeCutoffMicros(
    model,
    cutoffs ? { ...MODEL_KNOWLEDGE_CUTOFFS, ...cutoffs } : MODEL_KNOWLEDGE_CUTOFFS,
  );
  return cutoff === undefined || timeUs <= cutoff;
}
