import type { LlmUsage } from "./types.ts";

/**
 * A news item to score. Time is epoch microseconds UTC, like every time in quantbook.
 *
 * @example
 * ```ts
 * import type { NewsArticle } from "@quantbook/sdk/llm";
 * const a: NewsArticle = {
 *   id: "n1",
 *   publishedAt: Date.parse("2025-02-03T14:30:00Z") * 1000,
 *   headline: "ACME beats estimates",
 *   symbols: ["ACME"],
 * };
 * ```
 */
export interface NewsArticle {
  /** Unique id (the score store's key together with symbol and model). */
  id: string;
  /** Publication time, epoch microseconds UTC (for `asOf` joins to bars). */
  publishedAt: number;
  /** Headline. */
  headline: string;
  /** Optional body text. */
  body?: string;
  /** Symbols the article is about. */
  symbols: string[];
  /** Optional source name. */
  source?: string;
}

/**
 * Sentiment label.
 *
 * @example
 * ```ts
 * import type { SentimentLabel } from "@quantbook/sdk/llm";
 * const l: SentimentLabel = "negative";
 * ```
 */
export type SentimentLabel = "positive" | "negative" | "neutral";

/**
 * The score of one article, from an LLM (`scoreSentiment`) or the lexicon baseline
 * (`scoreSentimentLexicon`). On failure `ok` is false, `error` says why, `score` and
 * `confidence` are NaN and `label` is null: never a made-up neutral value.
 *
 * @example
 * ```ts
 * import type { SentimentScore } from "@quantbook/sdk/llm";
 * const usable = (s: SentimentScore) => s.ok && s.confidence >= 0.5 && !s.lookAheadRisk;
 * ```
 */
export interface SentimentScore extends Pick<NewsArticle, "id" | "publishedAt" | "symbols"> {
  /** Whether a score was obtained. */
  ok: boolean;
  /** Sentiment in [-1, 1] (NaN on failure). */
  score: number;
  /** Confidence in [0, 1] (NaN on failure). */
  confidence: number;
  /** Label (null on failure). */
  label: SentimentLabel | null;
  /** Entities the scorer named. */
  entities: string[];
  /** Short justification. */
  rationale: string;
  /** Model id that produced the score (or tried to). */
  model: string;
  /** When the score was produced (ISO 8601 UTC). */
  scoredAt: string;
  /** Whether the score was replayed (answer cache or score store) rather than asked now. */
  cached: boolean;
  /** Whether the article predates the model's knowledge cutoff (or the cutoff is unknown). */
  lookAheadRisk: boolean;
  /** Tokens used. */
  usage: LlmUsage;
  /** USD spent now (0 when cached, NaN for unpriced models). */
  costUsd: number;
  /** Wall time in ms. */
  latencyMs: number;
  /** Why it failed. */
  error?: string;
}
