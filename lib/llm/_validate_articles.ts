import type { NewsArticle } from "./sentiment_types.ts";

/** Throws a TypeError naming the first malformed article and field. */
export function validateArticles(articles: readonly NewsArticle[], fn: string): void {
  if (!Array.isArray(articles)) throw new TypeError(`${fn}: articles must be an array`);
  articles.forEach((a, i) => {
    if (typeof a?.id !== "string" || a.id === "") {
      throw new TypeError(`${fn}: articles[${i}].id must be a non-empty string`);
    }
    if (!Number.isFinite(a.publishedAt)) {
      throw new TypeError(
        `${fn}: articles[${i}].publishedAt must be epoch microseconds (e.g. Date.parse(iso) * 1000), got ${a.publishedAt}`,
      );
    }
    if (typeof a.headline !== "string") {
      throw new TypeError(`${fn}: articles[${i}].headline must be a string`);
    }
    if (!Array.isArray(a.symbols)) {
      throw new TypeError(`${fn}: articles[${i}].symbols must be an array of strings`);
    }
  });
}
