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
