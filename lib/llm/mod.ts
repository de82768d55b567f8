/**
 * The LLM layer: JSON-robust calls on any OpenAI-compatible endpoint (retries, fallback,
 * rate limit, circuit breakers, cache, cost), finance tasks (sentiment, signals, ensembles,
 * model benchmarks), look-ahead guards, a score store and an offline lexicon baseline.
 *
 * @example
 * ```ts
 * import { createLlm, llmJson } from "@quantbook/sdk/llm";
 * import { z } from "zod";
 * const llm = createLlm({ baseURL: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b" });
 * const r = await llmJson(llm, {
 *   messages: [{ role: "user", content: "Is 'ACME beats estimates' positive? Answer in json." }],
 *   schema: z.object({ positive: z.boolean() }),
 * });
 * ```
 *
 * @module
 */
export type { ChatMessage, JsonMode, LlmAttempt, LlmUsage } from "./types.ts";
export { defaultJsonMode, LLM_PRESETS, type LlmPreset } from "./presets.ts";
export { findModelPricing, LLM_PRICING, llmCostUsd, type ModelPricing } from "./pricing.ts";
export { knowledgeCutoffMicros, MODEL_KNOWLEDGE_CUTOFFS } from "./cutoffs.ts";
export {
  type CacheMode,
  type CompletionOutcome,
  type CompletionRequest,
  createLlm,
  type CreateLlmOptions,
  Llm,
  type LlmTotals,
} from "./client.ts";
export {
  llmJson,
  type LlmJsonFailure,
  type LlmJsonRequest,
  type LlmJsonResult,
  type LlmJsonSuccess,
} from "./json.ts";
export { mapLlm, type MapLlmOptions, type MapLlmResult } from "./map.ts";
export { type LlmBatchTotals, llmBatchTotals } from "./batch_totals.ts";
export {
  checkLookAhead,
  hasLookAheadRisk,
  type LookAheadOptions,
  type LookAheadReport,
} from "./look_ahead.ts";
export { type MaskOptions, maskText } from "./masking.ts";
export type { NewsArticle, SentimentLabel, SentimentScore } from "./sentiment_types.ts";
export { scoreSentiment, type ScoreSentimentOptions, SENTIMENT_SCHEMA } from "./sentiment.ts";
export { LEXICON_MODEL, type LexiconOptions, scoreSentimentLexicon } from "./lexicon.ts";
export { type SampleArticle, sampleNews, type SampleNewsOptions } from "./sample_news.ts";
export {
  type FactorSnapshot,
  SIGNAL_SCHEMA,
  signalFromFactors,
  type SignalOptions,
  type TradeSignal,
} from "./signal.ts";
export {
  combineSentiment,
  type EnsembleMethod,
  type EnsembleResult,
  type EnsembleScore,
  ensembleSentiment,
  type EnsembleStats,
} from "./ensemble.ts";
export { benchmarkModels, type ModelBenchmark, type ModelBenchmarkTable } from "./benchmark.ts";
export { openScoreStore, type ScoreQuery, ScoreStore } from "./score_store.ts";
export { type ColumnsFilter, type ScoreColumns, sentimentToColumns } from "./sentiment_columns.ts";
