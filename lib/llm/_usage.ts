import type { LlmUsage } from "./types.ts";

/** A fresh zero usage (no tokens). */
export function zeroUsage(): LlmUsage {
  return { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0 };
}

/** The sum of two usages. */
export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    cachedPromptTokens: a.cachedPromptTokens + b.cachedPromptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
  };
}
