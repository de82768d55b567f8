import type { LlmUsage } from "./types.ts";

/**
 * Price of one model in US dollars per million tokens.
 *
 * @example
 * ```ts
 * import type { ModelPricing } from "@quantbook/sdk/llm";
 * const p: ModelPricing = { inputPerM: 0.15, cachedInputPerM: 0.075, outputPerM: 0.6, asOf: "2025-09-01" };
 * ```
 */
export interface ModelPricing {
  /** USD per 1M input tokens (cache miss). */
  inputPerM: number;
  /** USD per 1M input tokens served from the provider's prompt cache. */
  cachedInputPerM: number;
  /** USD per 1M output tokens (reasoning tokens included). */
  outputPerM: number;
  /** Date the price was checked (`YYYY-MM-DD`): prices change, override them when stale. */
  asOf: string;
}

/**
 * Dated list prices (standard tier, short context) of common models. Override or extend it
 * with `createLlm({ pricing: { "my-model": {...} } })`; gateways often charge differently.
 *
 * @example
 * ```ts
 * import { LLM_PRICING } from "@quantbook/sdk/llm";
 * LLM_PRICING["gpt-4o-mini"].outputPerM; // 0.6
 * ```
 */
export const LLM_PRICING: Readonly<Record<string, ModelPricing>> = {
  "gpt-4o": { inputPerM: 2.5, cachedInputPerM: 1.25, outputPerM: 10, asOf: "2025-09-01" },
  "gpt-4o-mini": { inputPerM: 0.15, cachedInputPerM: 0.075, outputPerM: 0.6, asOf: "2025-09-01" },
  "gpt-4.1": { inputPerM: 2, cachedInputPerM: 0.5, outputPerM: 8, asOf: "2025-09-01" },
  "gpt-4.1-mini": { inputPerM: 0.4, cachedInputPerM: 0.1, outputPerM: 1.6, asOf: "2025-09-01" },
  "gpt-4.1-nano": { inputPerM: 0.1, cachedInputPerM: 0.025, outputPerM: 0.4, asOf: "2025-09-01" },
  "gpt-5": { inputPerM: 1.25, cachedInputPerM: 0.125, outputPerM: 10, asOf: "2025-09-01" },
  "gpt-5-mini": { inputPerM: 0.25, cachedInputPerM: 0.025, outputPerM: 2, asOf: "2025-09-01" },
  "gpt-5-nano": { inputPerM: 0.05, cachedInputPerM: 0.005, outputPerM: 0.4, asOf: "2025-09-01" },
  "o3": { inputPerM: 2, cachedInputPerM: 0.5, outputPerM: 8, asOf: "2025-09-01" },
  "o4-mini": { inputPerM: 1.1, cachedInputPerM: 0.275, outputPerM: 4.4, asOf: "2025-09-01" },
  "deepseek-chat": {
    inputPerM: 0.28,
    cachedInputPerM: 0.028,
    outputPerM: 0.42,
    asOf: "2025-09-29",
  },
  "deepseek-reasoner": {
    inputPerM: 0.28,
    cachedInputPerM: 0.028,
    outputPerM: 0.42,
    asOf: "2025-09-29",
  },
  "gemini-2.5-pro": { inputPerM: 1.25, cachedInputPerM: 0.31, outputPerM: 10, asOf: "2025-09-01" },
  "gemini-2.5-flash": {
    inputPerM: 0.3,
    cachedInputPerM: 0.075,
    outputPerM: 2.5,
    asOf: "2025-09-01",
  },
  "gemini-2.5-flash-lite": {
    inputPerM: 0.1,
    cachedInputPerM: 0.025,
    outputPerM: 0.4,
    asOf: "2025-09-01",
  },
  "gemini-2.0-flash": {
    inputPerM: 0.1,
    cachedInputPerM: 0.025,
    outputPerM: 0.4,
    asOf: "2025-09-01",
  },
};

/**
 * Finds the price of a model: exact name first, then the longest table key that prefixes
 * the name (so `gpt-4o-mini-2024-07-18` prices as `gpt-4o-mini`). `undefined` when unknown.
 *
 * @example
 * ```ts
 * import { findModelPricing } from "@quantbook/sdk/llm";
 * findModelPricing("gpt-4o-mini-2024-07-18")?.inputPerM; // 0.15
 * ```
 */
export function findModelPricing(
  model: string,
  table: Readonly<Record<string, ModelPricing>> = LLM_PRICING,
): ModelPricing | undefined {
  if (table[model]) return table[model];
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (model.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : table[best];
}

/**
 * Cost in USD of a call from its reported usage; `NaN` when the model has no price (add one
 * with `createLlm({ pricing })`; local models can be priced at 0).
 *
 * @example
 * ```ts
 * import { llmCostUsd } from "@quantbook/sdk/llm";
 * llmCostUsd("gpt-4o-mini", { promptTokens: 1e6, cachedPromptTokens: 0, completionTokens: 0 }); // 0.15
 * ```
 */
export function llmCostUsd(
  model: string,
  usage: LlmUsage,
  table: Readonly<Record<string, ModelPricing>> = LLM_PRICING,
): number {
  const price = findModelPricing(model, table);
  if (!price) return NaN;
  const cached = Math.min(usage.cachedPromptTokens, usage.promptTokens);
  return ((usage.promptTokens - cached) * price.inputPerM + cached * price.cachedInputPerM +
    usage.completionTokens * price.outputPerM) / 1e6;
}
