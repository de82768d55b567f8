import { z } from "zod";
import type { CacheMode, Llm } from "./client.ts";
import { llmJson } from "./json.ts";
import { mapLlm, type MapLlmOptions, type MapLlmResult } from "./map.ts";
import { checkLookAhead, hasLookAheadRisk, type LookAheadOptions } from "./look_ahead.ts";
import { maskText } from "./masking.ts";
import type { NewsArticle, SentimentScore } from "./sentiment_types.ts";
import { validateArticles } from "./_validate_articles.ts";
import { zeroUsage } from "./_usage.ts";
import type { ScoreStore } from "./score_store.ts";

/**
 * The zod schema an LLM answer must satisfy in {@linkcode scoreSentiment}.
 *
 * @example
 * ```ts
 * import { SENTIMENT_SCHEMA } from "@quantbook/sdk/llm";
 * SENTIMENT_SCHEMA.parse({ score: 0.4, confidence: 0.7, label: "positive", entities: [], rationale: "beat" });
 * ```
 */
export const SENTIMENT_SCHEMA: z.ZodObject<{
  score: z.ZodNumber;
  confidence: z.ZodNumber;
  label: z.ZodEnum<{ positive: "positive"; negative: "negative"; neutral: "neutral" }>;
  entities: z.ZodArray<z.ZodString>;
  rationale: z.ZodString;
}> = z.object({
  score: z.number().min(-1).max(1).describe("-1 very negative .. 1 very positive for holders"),
  confidence: z.number().min(0).max(1).describe("0 no idea .. 1 certain"),
  label: z.enum(["positive", "negative", "neutral"]),
  entities: z.array(z.string()).describe("companies, assets or people the news is about"),
  rationale: z.string().describe("one short sentence"),
});

/**
 * Options of {@linkcode scoreSentiment}.
 *
 * @example
 * ```ts
 * import type { ScoreSentimentOptions } from "@quantbook/sdk/llm";
 * const opts: ScoreSentimentOptions = { concurrency: 16, mask: true, strict: false };
 * ```
 */
export interface ScoreSentimentOptions extends LookAheadOptions, MapLlmOptions {
  /** Mask symbols, entity names and dates in the prompt (default false). See `maskText`. */
  mask?: boolean;
  /** Extra names to mask besides the article symbols. */
  maskNames?: string[];
  /** Characters of the body sent (default 2000). */
  maxBodyChars?: number;
  /** Replaces the default system prompt (keep the word "sentiment" and the scale). */
  systemPrompt?: string;
  /** Overrides the client's cache mode. */
  cacheMode?: CacheMode;
  /**
   * A score store: articles it already holds a successful score for (by one of the
   * client's models) are returned from it without a call (as replays: `cached: true`,
   * `costUsd: 0`), and new scores are saved to it as they come (in batches of 100 or every
   * second), so an interrupted run keeps what it scored.
   */
  store?: ScoreStore;
}

const DEFAULT_SYSTEM_PROMPT =
  "You are a financial news analyst. Rate the sentiment of the news for holders of the " +
  "listed symbols: score from -1 (very negative) to 1 (very positive), confidence from 0 " +
  "to 1, a label (positive, negative or neutral), the entities involved and a one-sentence " +
  "rationale. Judge only from the text; do not use knowledge of later events.";

/** What one scoring call records besides the answer: who, when, risk and cost. */
type ScoreCall = Pick<
  SentimentScore,
  "model" | "scoredAt" | "lookAheadRisk" | "usage" | "costUsd" | "latencyMs"
>;

function articleFields(a: NewsArticle): Pick<SentimentScore, "id" | "publishedAt" | "symbols"> {
  return { id: a.id, publishedAt: a.publishedAt, symbols: [...a.symbols] };
}

/** A failure stays a failure: NaN numbers, null label, the error; never a neutral score. */
function failedScore(a: NewsArticle, call: ScoreCall, error: string): SentimentScore {
  return {
    ...articleFields(a),
    ...call,
    ok: false,
    score: NaN,
    confidence: NaN,
    label: null,
    entities: [],
    rationale: "",
    cached: false,
    error,
  };
}

function articlePrompt(a: NewsArticle, opts: ScoreSentimentOptions): string {
  const body = (a.body ?? "").slice(0, opts.maxBodyChars ?? 2000);
  const text = [
    `Symbols: ${a.symbols.join(", ") || "(none)"}`,
    `Published: ${new Date(a.publishedAt / 1000).toISOString()}`,
    `Headline: ${a.headline}`,
    ...(body ? [`Body: ${body}`] : []),
  ].join("\n");
  if (!opts.mask) return text;
  return maskText(text, { names: [...a.symbols, ...(opts.maskNames ?? [])] });
}

/**
 * Scores the sentiment of news articles with an LLM, in input order, one
 * {@linkcode SentimentScore} per article carrying its `publishedAt` for `asOf` joins.
 * Before calling, it checks the articles' dates against every model's knowledge cutoff
 * (warns, or throws with `strict: true`). Failures stay failures (NaN score, `error`).
 * With `store`, articles scored before are read back instead of asked again.
 *
 * @example
 * ```ts
 * import { createLlm, sampleNews, scoreSentiment } from "@quantbook/sdk/llm";
 * const llm = createLlm({ preset: "deepseek", cacheDir: ".cache/llm" });
 * const scores = await scoreSentiment(llm, sampleNews({ count: 20 }));
 * scores.filter((s) => s.ok).map((s) => s.score);
 * ```
 */
export async function scoreSentiment(
  llm: Llm,
  articles: readonly NewsArticle[],
  options: ScoreSentimentOptions = {},
): Promise<SentimentScore[]> {
  validateArticles(articles, "scoreSentiment");
  checkLookAhead(llm.models, articles.map((a) => a.publishedAt), options);
  const system = options.systemPrompt ?? DEFAULT_SYSTEM_PROMPT;
  const saver = options.store && batchSaver(options.store);
  // Wrapped in { score }: mapLlm would take a failed score ({ ok: false }) for a thrown
  // failure and drop its usage, cost and latency.
  const scoreOne = async (a: NewsArticle): Promise<{ score: SentimentScore }> => {
    const stored = options.store?.find(a.id, llm.models);
    if (stored) return { score: { ...stored, cached: true, costUsd: 0 } }; // nothing spent now
    const r = await llmJson(llm, {
      messages: [{ role: "system", content: system }, {
        role: "user",
        content: articlePrompt(a, options),
      }],
      schema: SENTIMENT_SCHEMA,
      schemaName: "news_sentiment",
      cacheMode: options.cacheMode,
      signal: options.signal,
    });
    const model = r.ok ? r.model : llm.model;
    const call: ScoreCall = {
      model,
      scoredAt: r.requestedAt,
      lookAheadRisk: hasLookAheadRisk(model, a.publishedAt, options.cutoffs),
      usage: r.usage,
      costUsd: r.costUsd,
      latencyMs: r.latencyMs,
    };
    const score = r.ok
      ? { ...articleFields(a), ...call, ok: true, ...r.value, cached: r.cached }
      : failedScore(a, call, r.error);
    saver?.add(score);
    return { score };
  };
  let mapped: MapLlmResult<{ score: SentimentScore }>[];
  try {
    mapped = await mapLlm(articles, scoreOne, options);
  } finally {
    saver?.flush(); // an interrupted run keeps what it scored
  }
  const scores = mapped.map((m, i): SentimentScore => {
    if (m.ok) return m.value.score;
    const a = articles[i];
    const failed = failedScore(a, {
      model: llm.model,
      scoredAt: new Date().toISOString(),
      lookAheadRisk: hasLookAheadRisk(llm.model, a.publishedAt, options.cutoffs),
      usage: zeroUsage(),
      costUsd: 0,
      latencyMs: 0,
    }, m.error);
    saver?.add(failed);
    return failed;
  });
  saver?.flush();
  return scores;
}

/** Saves scores to the store in batches: every 100 scores or every second, and on flush. */
function batchSaver(store: ScoreStore): { add(score: SentimentScore): void; flush(): void } {
  const pending: SentimentScore[] = [];
  let savedAt = performance.now();
  const flush = () => {
    if (pending.length) store.save(pending.splice(0));
    savedAt = performance.now();
  };
  return {
    add(score) {
      pending.push(score);
      if (pending.length >= 100 || performance.now() - savedAt >= 1_000) flush();
    },
    flush,
  };
}
