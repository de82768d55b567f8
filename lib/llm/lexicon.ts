import { afinn165FinancialMarketNews } from "afinn-165-financialmarketnews";
import type { NewsArticle, SentimentLabel, SentimentScore } from "./sentiment_types.ts";
import { validateArticles } from "./_validate_articles.ts";
import { zeroUsage } from "./_usage.ts";

/**
 * Model id recorded on lexicon baseline scores.
 *
 * @example
 * ```ts
 * import { LEXICON_MODEL } from "@quantbook/sdk/llm";
 * LEXICON_MODEL; // "lexicon:afinn-165-financialmarketnews"
 * ```
 */
export const LEXICON_MODEL: string = "lexicon:afinn-165-financialmarketnews";

/**
 * Options of {@linkcode scoreSentimentLexicon}.
 *
 * @example
 * ```ts
 * import type { LexiconOptions } from "@quantbook/sdk/llm";
 * const opts: LexiconOptions = { extraWords: { rug: -4, moon: 3 }, neutralBand: 0.1 };
 * ```
 */
export interface LexiconOptions {
  /** Word valences (-5..5) added to or overriding the lexicon. */
  extraWords?: Record<string, number>;
  /** |score| below this is labelled neutral (default 0.15). */
  neutralBand?: number;
}

const NEGATORS = new Set([
  "not",
  "no",
  "never",
  "without",
  "nor",
  "cannot",
  "isnt",
  "wasnt",
  "dont",
  "doesnt",
  "didnt",
  "wont",
  "fails",
  "failed",
]);

function tokenize(text: string): string[] {
  return text.toLowerCase().replace(/['’]/g, "").split(/[^a-z0-9-]+/).filter((t) => t !== "");
}

function labelOf(score: number, band: number): SentimentLabel {
  return score > band ? "positive" : score < -band ? "negative" : "neutral";
}

/**
 * A WEAK offline baseline: sentiment from the AFINN-165 word list adapted to financial
 * market news (npm `afinn-165-financialmarketnews`, MIT), with 1-3 word phrases and simple
 * negation ("not strong" flips). Score = s / sqrt(s² + 15) of the summed valences, in
 * [-1, 1]; confidence grows with the number of matched words but stays at most 0.5, to
 * say that this is a word count, not an understanding. Same result shape as
 * `scoreSentiment`, no key, no network: use it to run demos and notebooks offline, and as
 * the bar an LLM must beat.
 *
 * @example
 * ```ts
 * import { sampleNews, scoreSentimentLexicon } from "@quantbook/sdk/llm";
 * const scores = scoreSentimentLexicon(sampleNews({ count: 50 }));
 * scores[0].model; // "lexicon:afinn-165-financialmarketnews"
 * ```
 */
export function scoreSentimentLexicon(
  articles: readonly NewsArticle[],
  options: LexiconOptions = {},
): SentimentScore[] {
  validateArticles(articles, "scoreSentimentLexicon");
  const lexicon: Record<string, number> = { ...afinn165FinancialMarketNews, ...options.extraWords };
  const band = options.neutralBand ?? 0.15;
  return articles.map((a) => {
    const t0 = performance.now();
    const tokens = tokenize(`${a.headline} ${a.body ?? ""}`);
    let sum = 0;
    const hits: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let matched = "";
      let value = 0;
      for (let n = 3; n >= 1 && matched === ""; n--) {
        if (i + n > tokens.length) continue;
        const phrase = tokens.slice(i, i + n).join(" ");
        const v = lexicon[phrase];
        if (typeof v === "number") {
          matched = phrase;
          value = v;
          i += n - 1;
        }
      }
      if (matched === "") continue;
      const negated = NEGATORS.has(tokens[i - matched.split(" ").length] ?? "") ||
        NEGATORS.has(tokens[i - matched.split(" ").length - 1] ?? "");
      if (negated) value = -value;
      sum += value;
      hits.push(`${negated ? "not " : ""}${matched}(${value > 0 ? "+" : ""}${value})`);
    }
    const score = sum / Math.sqrt(sum * sum + 15);
    const symbols = new Set(a.symbols);
    return {
      id: a.id,
      publishedAt: a.publishedAt,
      symbols: [...a.symbols],
      ok: true,
      score,
      confidence: Math.min(0.5, hits.length / (hits.length + 3)),
      label: labelOf(score, band),
      entities: [...symbols],
      rationale: hits.length
        ? `weak lexicon baseline: ${hits.slice(0, 8).join(", ")}`
        : "weak lexicon baseline: no lexicon words matched",
      model: LEXICON_MODEL,
      scoredAt: new Date().toISOString(),
      cached: false,
      lookAheadRisk: false,
      usage: zeroUsage(),
      costUsd: 0,
      latencyMs: performance.now() - t0,
    };
  });
}
