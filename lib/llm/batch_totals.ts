import type { LlmUsage } from "./types.ts";

/**
 * Totals of a batch of LLM results (sentiment scores, signals, `llmJson` results).
 *
 * @example
 * ```ts
 * import type { LlmBatchTotals } from "@quantbook/sdk/llm";
 * const t: LlmBatchTotals = {
 *   items: 2, ok: 2, failed: 0, cached: 1, promptTokens: 300, completionTokens: 80, costUsd: 0.0001,
 * };
 * ```
 */
export interface LlmBatchTotals {
  /** Results counted. */
  items: number;
  /** Successful results. */
  ok: number;
  /** Failed results. */
  failed: number;
  /** Results whose answer came from the cache. */
  cached: number;
  /** Input tokens. */
  promptTokens: number;
  /** Output tokens. */
  completionTokens: number;
  /** USD spent (unpriced models count as 0 here; see each result's NaN). */
  costUsd: number;
}

/**
 * Sums counts, tokens and cost over a batch of results that carry `ok` and optionally
 * `cached`, `usage` and `costUsd`.
 *
 * @example
 * ```ts
 * import { llmBatchTotals } from "@quantbook/sdk/llm";
 * llmBatchTotals([{ ok: true, costUsd: 0.01 }, { ok: false, costUsd: 0 }]).failed; // 1
 * ```
 */
export function llmBatchTotals(
  results: ReadonlyArray<{ ok: boolean; cached?: boolean; usage?: LlmUsage; costUsd?: number }>,
): LlmBatchTotals {
  const t: LlmBatchTotals = {
    items: 0,
    ok: 0,
    failed: 0,
    cached: 0,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
  };
  for (const r of results) {
    t.items++;
    if (r.ok) t.ok++;
    else t.failed++;
    if (r.cached) t.cached++;
    t.promptTokens += r.usage?.promptTokens ?? 0;
    t.completionTokens += r.usage?.completionTokens ?? 0;
    if (Number.isFinite(r.costUsd)) t.costUsd += r.costUsd!;
  }
  return t;
}
