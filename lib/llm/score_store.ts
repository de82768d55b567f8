import { DatabaseSync } from "node:sqlite";
import type { SentimentScore } from "./sentiment_types.ts";
import { type ScoreColumns, sentimentToColumns } from "./sentiment_columns.ts";

/**
 * Filter of {@linkcode ScoreStore.query}. Times are epoch µs UTC, inclusive.
 *
 * @example
 * ```ts
 * import type { ScoreQuery } from "@quantbook/sdk/llm";
 * const q: ScoreQuery = { symbol: "BTC", from: Date.parse("2025-03-01") * 1000, okOnly: true };
 * ```
 */
export interface ScoreQuery {
  /** Only scores of this symbol. */
  symbol?: string;
  /** Only scores from this model. */
  model?: string;
  /** Earliest `publishedAt` (epoch µs, inclusive). */
  from?: number;
  /** Latest `publishedAt` (epoch µs, inclusive). */
  to?: number;
  /** Only successful scores (default false). */
  okOnly?: boolean;
}

const DDL = `
CREATE TABLE IF NOT EXISTS sentiment_scores (
  id TEXT NOT NULL,
  symbol TEXT NOT NULL,
  model TEXT NOT NULL,
  published_at REAL NOT NULL,
  ok INTEGER NOT NULL,
  score REAL,
  confidence REAL,
  label TEXT,
  entities TEXT NOT NULL,
  rationale TEXT NOT NULL,
  symbols TEXT NOT NULL,
  scored_at TEXT NOT NULL,
  cached INTEGER NOT NULL,
  look_ahead_risk INTEGER NOT NULL,
  prompt_tokens INTEGER NOT NULL,
  cached_prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  cost_usd REAL,
  latency_ms REAL,
  error TEXT,
  PRIMARY KEY (id, symbol, model)
);
CREATE INDEX IF NOT EXISTS sentiment_scores_symbol_time ON sentiment_scores (symbol, published_at);
`;

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
const numberOrNaN = (x: unknown) => (typeof x === "number" ? x : NaN);

// deno-lint-ignore no-explicit-any
function rowToScore(r: any, symbols: string[]): SentimentScore {
  return {
    id: r.id,
    publishedAt: r.published_at,
    symbols,
    ok: r.ok === 1,
    score: numberOrNaN(r.score),
    confidence: numberOrNaN(r.confidence),
    label: r.label,
    entities: JSON.parse(r.entities),
    rationale: r.rationale,
    model: r.model,
    scoredAt: r.scored_at,
    cached: r.cached === 1,
    lookAheadRisk: r.look_ahead_risk === 1,
    usage: {
      promptTokens: r.prompt_tokens,
      cachedPromptTokens: r.cached_prompt_tokens,
      completionTokens: r.completion_tokens,
    },
    costUsd: numberOrNaN(r.cost_usd),
    latencyMs: numberOrNaN(r.latency_ms),
    ...(r.error === null ? {} : { error: r.error }),
  };
}

/**
 * A local SQLite store (`node:sqlite`, built into Deno) of sentiment scores, queryable by
 * symbol, model and time range, so a notebook reopens yesterday's scores without a call.
 * Saving the same (article, symbol, model) again replaces the row. Open it with
 * {@linkcode openScoreStore}; close it when done.
 *
 * @example
 * ```ts
 * import { openScoreStore, sampleNews, scoreSentimentLexicon } from "@quantbook/sdk/llm";
 * const store = openScoreStore(":memory:");
 * store.save(scoreSentimentLexicon(sampleNews({ count: 10 })));
 * store.query({ symbol: "BTC" }).length;
 * store.close();
 * ```
 */
export class ScoreStore {
  /** Path of the database file (`:memory:` for a throwaway store). */
  readonly path: string;
  #db: DatabaseSync;

  /** Use {@linkcode openScoreStore}. */
  constructor(path: string) {
    this.path = path;
    this.#db = new DatabaseSync(path);
    this.#db.exec(DDL);
  }

  /** Saves scores (one row per symbol; articles without symbols under `""`); returns rows written. */
  save(scores: readonly SentimentScore[]): number {
    const insert = this.#db.prepare(
      `INSERT OR REPLACE INTO sentiment_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let rows = 0;
    this.#db.exec("BEGIN");
    try {
      for (const s of scores) {
        for (const symbol of s.symbols.length ? s.symbols : [""]) {
          insert.run(
            s.id,
            symbol,
            s.model,
            s.publishedAt,
            s.ok ? 1 : 0,
            finiteOrNull(s.score),
            finiteOrNull(s.confidence),
            s.label,
            JSON.stringify(s.entities),
            s.rationale,
            JSON.stringify(s.symbols),
            s.scoredAt,
            s.cached ? 1 : 0,
            s.lookAheadRisk ? 1 : 0,
            s.usage.promptTokens,
            s.usage.cachedPromptTokens,
            s.usage.completionTokens,
            finiteOrNull(s.costUsd),
            finiteOrNull(s.latencyMs),
            s.error ?? null,
          );
          rows++;
        }
      }
      this.#db.exec("COMMIT");
    } catch (e) {
      this.#db.exec("ROLLBACK");
      throw e;
    }
    return rows;
  }

  /**
   * Stored scores matching `filter`, sorted by `publishedAt` then id: one per stored row,
   * so an article about two symbols comes back as two scores with one symbol each.
   */
  query(filter: ScoreQuery = {}): SentimentScore[] {
    const [where, args] = this.#where(filter);
    const sql = `SELECT * FROM sentiment_scores ${where} ORDER BY published_at, id, symbol, model`;
    // deno-lint-ignore no-explicit-any
    const rows = this.#db.prepare(sql).all(...args) as any[];
    return rows.map((r) => rowToScore(r, r.symbol === "" ? [] : [r.symbol]));
  }

  /**
   * The stored successful score of article `id` by one of `models` (first match in that
   * order), with all the article's symbols; undefined when none. `scoreSentiment` uses it
   * with its `store` option to skip articles scored before.
   */
  find(id: string, models: readonly string[]): SentimentScore | undefined {
    const select = this.#db.prepare(
      "SELECT * FROM sentiment_scores WHERE id = ? AND model = ? AND ok = 1 LIMIT 1",
    );
    for (const model of models) {
      // deno-lint-ignore no-explicit-any
      const r = select.get(id, model) as any;
      if (r) return rowToScore(r, JSON.parse(r.symbols));
    }
    return undefined;
  }

  /** Matching rows as time-sorted columns (one row per article-symbol-model). */
  columns(filter: ScoreQuery = {}): ScoreColumns {
    return sentimentToColumns(this.query(filter));
  }

  #where(filter: ScoreQuery): [string, Array<string | number>] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (filter.symbol !== undefined) (where.push("symbol = ?"), args.push(filter.symbol));
    if (filter.model !== undefined) (where.push("model = ?"), args.push(filter.model));
    if (filter.from !== undefined) (where.push("published_at >= ?"), args.push(filter.from));
    if (filter.to !== undefined) (where.push("published_at <= ?"), args.push(filter.to));
    if (filter.okOnly) where.push("ok = 1");
    return [where.length ? `WHERE ${where.join(" AND ")}` : "", args];
  }

  /** Closes the database. */
  close(): void {
    this.#db.close();
  }
}

/**
 * Opens (creating if needed) a score store at `path`; `":memory:"` for a throwaway one.
 *
 * @example
 * ```ts
 * import { openScoreStore } from "@quantbook/sdk/llm";
 * const store = openScoreStore(".cache/scores.sqlite");
 * const btc = store.columns({ symbol: "BTC", okOnly: true });
 * store.close();
 * ```
 */
export function openScoreStore(path: string): ScoreStore {
  if (typeof path !== "string" || path === "") {
    throw new TypeError('openScoreStore: path must be a file path or ":memory:"');
  }
  return new ScoreStore(path);
}
