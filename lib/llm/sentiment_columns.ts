import type { SentimentScore } from "./sentiment_types.ts";

/**
 * Sentiment scores as columns, one row per (article, symbol, model), sorted by time: ready
 * for `asOfValues(bars.timestamp, cols.publishedAt, cols.score, { latencyUs })`.
 *
 * @example
 * ```ts
 * import type { ScoreColumns } from "@quantbook/sdk/llm";
 * const last = (t: ScoreColumns) => t.score[t.score.length - 1];
 * ```
 */
export type ScoreColumns = {
  /** Publication time, epoch µs UTC. */
  publishedAt: Float64Array;
  /** Score (NaN for failures). */
  score: Float64Array;
  /** Confidence (NaN for failures). */
  confidence: Float64Array;
  /** Symbol of the row. */
  symbol: string[];
  /** Article id. */
  id: string[];
  /** Model id. */
  model: string[];
  /** Label (`""` for failures). */
  label: string[];
};

/**
 * Filter of {@linkcode sentimentToColumns}.
 *
 * @example
 * ```ts
 * import type { ColumnsFilter } from "@quantbook/sdk/llm";
 * const f: ColumnsFilter = { symbol: "ETH", okOnly: true };
 * ```
 */
export interface ColumnsFilter {
  /** Keep only rows of this symbol. */
  symbol?: string;
  /** Drop failed scores (default false: they stay as NaN rows). */
  okOnly?: boolean;
}

/**
 * Turns scores into time-sorted columns, one row per symbol of each article (articles
 * without symbols get the symbol `""`).
 *
 * @example
 * ```ts
 * import { sampleNews, scoreSentimentLexicon, sentimentToColumns } from "@quantbook/sdk/llm";
 * const cols = sentimentToColumns(scoreSentimentLexicon(sampleNews({ count: 20 })), { symbol: "BTC" });
 * cols.publishedAt.length === cols.score.length; // true
 * ```
 */
export function sentimentToColumns(
  scores: readonly SentimentScore[],
  filter: ColumnsFilter = {},
): ScoreColumns {
  const rows: Array<{ s: SentimentScore; symbol: string }> = [];
  for (const s of scores) {
    if (filter.okOnly && !s.ok) continue;
    for (const symbol of s.symbols.length ? s.symbols : [""]) {
      if (filter.symbol === undefined || symbol === filter.symbol) rows.push({ s, symbol });
    }
  }
  rows.sort((a, b) => a.s.publishedAt - b.s.publishedAt);
  return {
    publishedAt: Float64Array.from(rows, (r) => r.s.publishedAt),
    score: Float64Array.from(rows, (r) => r.s.score),
    confidence: Float64Array.from(rows, (r) => r.s.confidence),
    symbol: rows.map((r) => r.symbol),
    id: rows.map((r) => r.s.id),
    model: rows.map((r) => r.s.model),
    label: rows.map((r) => r.s.label ?? ""),
  };
}
