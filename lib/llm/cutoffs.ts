/**
 * Training-data cutoff of common models (`YYYY-MM-DD`, the last day the model may know
 * about), from the providers' model cards, checked 2025-09. An event dated before a model's
 * cutoff may be "known" to the model together with what happened next: scoring it is
 * look-ahead. Override or extend with the `cutoffs` option of the scoring functions.
 *
 * @example
 * ```ts
 * import { MODEL_KNOWLEDGE_CUTOFFS } from "@quantbook/sdk/llm";
 * MODEL_KNOWLEDGE_CUTOFFS["gpt-4o-mini"]; // "2023-10-01"
 * ```
 */
export const MODEL_KNOWLEDGE_CUTOFFS: Readonly<Record<string, string>> = {
  "gpt-4o": "2023-10-01",
  "gpt-4o-mini": "2023-10-01",
  "gpt-4.1": "2024-06-01",
  "gpt-4.1-mini": "2024-06-01",
  "gpt-4.1-nano": "2024-06-01",
  "gpt-5": "2024-09-30",
  "gpt-5-mini": "2024-05-31",
  "gpt-5-nano": "2024-05-31",
  "o3": "2024-06-01",
  "o4-mini": "2024-06-01",
  "deepseek-chat": "2024-07-01",
  "deepseek-reasoner": "2024-07-01",
  "deepseek-v3.2": "2024-07-01",
  "gemini-2.0-flash": "2024-08-01",
  "gemini-2.5-flash": "2025-01-31",
  "gemini-2.5-flash-lite": "2025-01-31",
  "gemini-2.5-pro": "2025-01-31",
  "claude-sonnet-4.5": "2025-07-31",
  "llama3.1": "2023-12-31",
  "qwen2.5": "2024-09-30",
  "Qwen/Qwen2.5": "2024-09-30",
  "mistral": "2023-09-30",
};

/**
 * The knowledge cutoff of a model as epoch microseconds UTC (end of the cutoff day), or
 * `undefined` when the registry does not know it. Exact name first, then the longest key
 * prefixing the name (`gpt-4o-mini-2024-07-18` -> `gpt-4o-mini`, `qwen2.5:7b` -> `qwen2.5`).
 *
 * @example
 * ```ts
 * import { knowledgeCutoffMicros } from "@quantbook/sdk/llm";
 * new Date(knowledgeCutoffMicros("gpt-4o")! / 1000).toISOString(); // "2023-10-01T23:59:59.999Z"
 * ```
 */
export function knowledgeCutoffMicros(
  model: string,
  registry: Readonly<Record<string, string>> = MODEL_KNOWLEDGE_CUTOFFS,
): number | undefined {
  let key: string | undefined = registry[model] !== undefined ? model : undefined;
  if (key === undefined) {
    for (const k of Object.keys(registry)) {
      if (model.startsWith(k) && (key === undefined || k.length > key.length)) key = k;
    }
  }
  if (key === undefined) return undefined;
  const ms = Date.parse(`${registry[key]}T23:59:59.999Z`);
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `knowledge cutoff of "${key}" is "${registry[key]}": expected a YYYY-MM-DD date`,
    );
  }
  return ms * 1000;
}
