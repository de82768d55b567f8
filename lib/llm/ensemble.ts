import type { Llm } from "./client.ts";
import { scoreSentiment, type ScoreSentimentOptions } from "./sentiment.ts";
import type { NewsArticle, SentimentLabel, SentimentScore } from "./sentiment_types.ts";

/**
 * One article's combined score across models.
 *
 * @example
 * ```ts
 * import type { EnsembleScore } from "@quantbook/sdk/llm";
 * const strong = (e: EnsembleScore) => e.ok && e.agreement >= 2 / 3;
 * ```
 */
export interface EnsembleScore extends Pick<NewsArticle, "id" | "publishedAt" | "symbols"> {
  /** Whether at least one member scored the article. */
  ok: boolean;
  /**
   * Mean score (`mean`), or mean score of the majority label's members (`vote`; all members
   * on a tie); NaN if none.
   */
  score: number;
  /** Mean confidence of the members used. */
  confidence: number;
  /**
   * Label of the mean score (`mean`), or the majority label (`vote`; on a tie, the label of
   * the mean score: a split is not turned into "neutral"); null if no member scored.
   */
  label: SentimentLabel | null;
  /** Fraction of successful members sharing the majority label (1 = unanimous). */
  agreement: number;
  /** Standard deviation of the member scores (population). */
  scoreStd: number;
  /** Members that produced a score. */
  members: number;
  /** The members' scores, in model order. */
  memberScores: SentimentScore[];
}

/**
 * Agreement statistics of an ensemble run.
 *
 * @example
 * ```ts
 * import type { EnsembleStats } from "@quantbook/sdk/llm";
 * const s: EnsembleStats = { models: ["a", "b"], meanAgreement: 0.9, unanimousPct: 80, meanPairwiseCorrelation: 0.85 };
 * ```
 */
export interface EnsembleStats {
  /** Member model ids. */
  models: string[];
  /** Mean of the per-article agreement. */
  meanAgreement: number;
  /** % of articles where all successful members agree (articles with >= 2 members). */
  unanimousPct: number;
  /** Mean Pearson correlation of scores over model pairs (articles both scored). */
  meanPairwiseCorrelation: number;
}

/**
 * Result of an ensemble: per-article scores and agreement statistics.
 *
 * @example
 * ```ts
 * import type { EnsembleResult } from "@quantbook/sdk/llm";
 * const agreed = (r: EnsembleResult) => r.scores.filter((s) => s.agreement === 1).length;
 * ```
 */
export interface EnsembleResult {
  /** One combined score per article, in input order. */
  scores: EnsembleScore[];
  /** Agreement statistics. */
  stats: EnsembleStats;
}

/**
 * How members are combined: `"mean"` averages scores, `"vote"` takes the majority label.
 *
 * @example
 * ```ts
 * import type { EnsembleMethod } from "@quantbook/sdk/llm";
 * const m: EnsembleMethod = "vote";
 * ```
 */
export type EnsembleMethod = "mean" | "vote";

function labelOf(score: number): SentimentLabel {
  return score > 0.15 ? "positive" : score < -0.15 ? "negative" : "neutral";
}

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  if (n < 2) return NaN;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/**
 * Combines per-model score lists (same articles, same order: e.g. several
 * `scoreSentiment` runs, or one with the lexicon baseline) into one ensemble.
 *
 * @example
 * ```ts
 * import { combineSentiment, sampleNews, scoreSentimentLexicon } from "@quantbook/sdk/llm";
 * const news = sampleNews({ count: 5 });
 * const a = scoreSentimentLexicon(news);
 * const b = scoreSentimentLexicon(news, { neutralBand: 0.3 });
 * combineSentiment([a, b], "vote").stats.meanAgreement;
 * ```
 */
export function combineSentiment(
  perModel: readonly SentimentScore[][],
  method: EnsembleMethod = "mean",
): EnsembleResult {
  if (perModel.length === 0) throw new RangeError("combineSentiment: no score lists given");
  const n = perModel[0].length;
  perModel.forEach((list, m) => {
    if (list.length !== n) {
      throw new RangeError(
        `combineSentiment: score list ${m} has ${list.length} items, list 0 has ${n}; pass one score per article for every model`,
      );
    }
  });
  const scores: EnsembleScore[] = [];
  for (let i = 0; i < n; i++) {
    const all = perModel.map((list) => list[i]);
    for (const s of all) {
      if (s.id !== all[0].id) {
        throw new RangeError(
          `combineSentiment: item ${i} is article "${
            all[0].id
          }" in list 0 but "${s.id}" elsewhere; keep the articles in the same order`,
        );
      }
    }
    const good = all.filter((s) => s.ok);
    const counts = new Map<SentimentLabel, number>();
    for (const s of good) counts.set(s.label!, (counts.get(s.label!) ?? 0) + 1);
    let majority: SentimentLabel | null = null;
    let top = 0;
    let tie = false;
    for (const [label, c] of counts) {
      if (c > top) [majority, top, tie] = [label, c, false];
      else if (c === top) tie = true;
    }
    const used = method === "vote" && majority !== null && !tie
      ? good.filter((s) => s.label === majority)
      : good;
    const mean = (xs: number[]) => xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NaN;
    const score = mean(used.map((s) => s.score));
    const m = mean(good.map((s) => s.score));
    const std = good.length ? Math.sqrt(mean(good.map((s) => (s.score - m) ** 2))) : NaN;
    scores.push({
      id: all[0].id,
      publishedAt: all[0].publishedAt,
      symbols: [...all[0].symbols],
      ok: good.length > 0,
      score,
      confidence: mean(used.map((s) => s.confidence)),
      label: good.length === 0 ? null : method === "vote" && !tie ? majority : labelOf(score),
      agreement: good.length ? top / good.length : NaN,
      scoreStd: std,
      members: good.length,
      memberScores: all,
    });
  }
  const multi = scores.filter((s) => s.members >= 2);
  const correlations: number[] = [];
  for (let a = 0; a < perModel.length; a++) {
    for (let b = a + 1; b < perModel.length; b++) {
      const xa: number[] = [];
      const xb: number[] = [];
      for (let i = 0; i < n; i++) {
        if (perModel[a][i].ok && perModel[b][i].ok) {
          xa.push(perModel[a][i].score);
          xb.push(perModel[b][i].score);
        }
      }
      const r = pearson(xa, xb);
      if (!Number.isNaN(r)) correlations.push(r);
    }
  }
  const valid = scores.filter((s) => s.ok);
  return {
    scores,
    stats: {
      models: perModel.map((list) => list.find((s) => s.ok)?.model ?? list[0]?.model ?? ""),
      meanAgreement: valid.length ? valid.reduce((s, e) => s + e.agreement, 0) / valid.length : NaN,
      unanimousPct: multi.length
        ? (100 * multi.filter((s) => s.agreement === 1).length) / multi.length
        : NaN,
      meanPairwiseCorrelation: correlations.length
        ? correlations.reduce((s, v) => s + v, 0) / correlations.length
        : NaN,
    },
  };
}

/**
 * Scores the articles with every model (the clients run side by side, each within its own
 * limits) and combines the results with {@linkcode combineSentiment}.
 *
 * @example
 * ```ts
 * import { createLlm, ensembleSentiment, sampleNews } from "@quantbook/sdk/llm";
 * const llms = ["gpt-4o-mini", "gpt-4.1-mini"].map((model) => createLlm({ preset: "openai", model }));
 * const { scores, stats } = await ensembleSentiment(llms, sampleNews({ count: 10 }), { method: "vote" });
 * ```
 */
export async function ensembleSentiment(
  llms: readonly Llm[],
  articles: readonly NewsArticle[],
  options: ScoreSentimentOptions & { method?: EnsembleMethod } = {},
): Promise<EnsembleResult> {
  if (llms.length === 0) throw new RangeError("ensembleSentiment: pass at least one client");
  const perModel = await Promise.all(llms.map((llm) => scoreSentiment(llm, articles, options)));
  return combineSentiment(perModel, options.method ?? "mean");
}
