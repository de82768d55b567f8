import type { Llm } from "./client.ts";
import { scoreSentiment, type ScoreSentimentOptions } from "./sentiment.ts";
import type { NewsArticle, SentimentScore } from "./sentiment_types.ts";

/**
 * Comparison of models on the same articles, one row per model (a `Table`: plot it or turn
 * it into a DataFrame).
 *
 * @example
 * ```ts
 * import type { ModelBenchmarkTable } from "@quantbook/sdk/llm";
 * const cheapest = (t: ModelBenchmarkTable) =>
 *   t.model[t.costPerArticleUsd.indexOf(Math.min(...t.costPerArticleUsd))];
 * ```
 */
export type ModelBenchmarkTable = {
  /** Model id. */
  model: string[];
  /** Articles scored (attempted). */
  articles: Float64Array;
  /** % of articles without a valid score. */
  failureRatePct: Float64Array;
  /** Mean USD per article from the reported usage and the pricing table (NaN if unpriced). */
  costPerArticleUsd: Float64Array;
  /** Median latency per article in ms. */
  latencyP50Ms: Float64Array;
  /** 90th percentile latency in ms. */
  latencyP90Ms: Float64Array;
  /** 99th percentile latency in ms. */
  latencyP99Ms: Float64Array;
  /** Articles per second over the model's run. */
  throughputPerSec: Float64Array;
  /** % of articles where this model's label equals the majority label of the other models. */
  agreementPct: Float64Array;
};

/**
 * Result of {@linkcode benchmarkModels}: the table and the raw scores per model.
 *
 * @example
 * ```ts
 * import type { ModelBenchmark } from "@quantbook/sdk/llm";
 * const models = (b: ModelBenchmark) => b.table.model;
 * ```
 */
export interface ModelBenchmark {
  /** One row per model. */
  table: ModelBenchmarkTable;
  /** Scores per model, in the order of the clients. */
  scores: SentimentScore[][];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Scores the same articles with each client (one after the other, so throughput is
 * measured alone) and reports cost per article, latency percentiles, throughput, failure
 * rate and agreement with the other models. Run it without cache (or `cacheMode:
 * "refresh"`) to measure latency; cost is computed from usage, so it survives a replay.
 *
 * @example
 * ```ts
 * import { benchmarkModels, createLlm, sampleNews } from "@quantbook/sdk/llm";
 * const llms = ["deepseek-chat", "deepseek-reasoner"].map((model) => createLlm({ preset: "deepseek", model }));
 * const { table } = await benchmarkModels(llms, sampleNews({ count: 50 }));
 * console.table(table);
 * ```
 */
export async function benchmarkModels(
  llms: readonly Llm[],
  articles: readonly NewsArticle[],
  options: ScoreSentimentOptions = {},
): Promise<ModelBenchmark> {
  if (llms.length === 0) throw new RangeError("benchmarkModels: pass at least one client");
  if (articles.length === 0) throw new RangeError("benchmarkModels: pass at least one article");
  const scores: SentimentScore[][] = [];
  const seconds: number[] = [];
  for (const llm of llms) {
    const t0 = performance.now();
    scores.push(await scoreSentiment(llm, articles, options));
    seconds.push((performance.now() - t0) / 1000);
  }
  const k = llms.length;
  const n = articles.length;
  const table: ModelBenchmarkTable = {
    model: llms.map((l) => l.model),
    articles: new Float64Array(k).fill(n),
    failureRatePct: new Float64Array(k),
    costPerArticleUsd: new Float64Array(k),
    latencyP50Ms: new Float64Array(k),
    latencyP90Ms: new Float64Array(k),
    latencyP99Ms: new Float64Array(k),
    throughputPerSec: new Float64Array(k),
    agreementPct: new Float64Array(k),
  };
  for (let m = 0; m < k; m++) {
    const list = scores[m];
    const failed = list.filter((s) => !s.ok).length;
    table.failureRatePct[m] = (100 * failed) / n;
    let cost = 0;
    for (const s of list) cost += llms[m].costUsd(s.model, s.usage);
    table.costPerArticleUsd[m] = cost / n;
    const lat = list.map((s) => s.latencyMs).sort((a, b) => a - b);
    table.latencyP50Ms[m] = percentile(lat, 0.5);
    table.latencyP90Ms[m] = percentile(lat, 0.9);
    table.latencyP99Ms[m] = percentile(lat, 0.99);
    table.throughputPerSec[m] = n / Math.max(seconds[m], 1e-9);
    let compared = 0;
    let agreed = 0;
    for (let i = 0; i < n; i++) {
      if (!list[i].ok) continue;
      const counts = new Map<string, number>();
      for (let o = 0; o < k; o++) {
        if (o !== m && scores[o][i].ok) {
          counts.set(scores[o][i].label!, (counts.get(scores[o][i].label!) ?? 0) + 1);
        }
      }
      if (counts.size === 0) continue;
      const top = Math.max(...counts.values());
      const majority = [...counts].filter(([, c]) => c === top).map(([l]) => l);
      compared++;
      if (majority.length === 1 && majority[0] === list[i].label) agreed++;
    }
    table.agreementPct[m] = compared ? (100 * agreed) / compared : NaN;
  }
  return { table, scores };
}
