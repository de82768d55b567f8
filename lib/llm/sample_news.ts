import type { NewsArticle } from "./sentiment_types.ts";
import { SeededRandom } from "../series/random.ts";

/**
 * Options of {@linkcode sampleNews}.
 *
 * @example
 * ```ts
 * import type { SampleNewsOptions } from "@quantbook/sdk/llm";
 * const o: SampleNewsOptions = { seed: 7, count: 100, symbols: ["BTC", "ETH"], start: "2025-01-01" };
 * ```
 */
export interface SampleNewsOptions {
  /** PRNG seed (default 42): the same seed gives the same articles. */
  seed?: number;
  /** Number of articles (default 200). */
  count?: number;
  /** Symbols the articles are about (default `["BTC", "ETH", "SOL"]`). */
  symbols?: string[];
  /** First publication time: ISO date or epoch µs (default `"2025-03-01"`). */
  start?: string | number;
  /** Last publication time: ISO date or epoch µs (default `"2025-03-31"`). */
  end?: string | number;
}

/**
 * A generated article with the tone the generator gave it (-1, 0 or 1), so a scorer's
 * accuracy can be measured.
 *
 * @example
 * ```ts
 * import { sampleNews } from "@quantbook/sdk/llm";
 * const [a] = sampleNews({ count: 1 });
 * a.tone; // -1, 0 or 1
 * ```
 */
export interface SampleArticle extends NewsArticle {
  /** Tone of the template the headline came from. */
  tone: -1 | 0 | 1;
}

const TEMPLATES: Record<"1" | "0" | "-1", Array<[string, string]>> = {
  "1": [
    [
      "{S} rallies as spot ETF inflows hit a record",
      "Strong demand from funds lifted {S}; analysts see growth.",
    ],
    [
      "Analysts upgrade {S} on strong network growth",
      "The upgraded outlook cites record activity and gains in fees.",
    ],
    [
      "{S} jumps after exchange approval of new listing",
      "The approval opens {S} to a large retail market.",
    ],
    [
      "Major bank announces partnership to custody {S}",
      "The partnership is a win for adoption, desks said.",
    ],
    [
      "{S} surge extends as short sellers capitulate",
      "A strong rally pushed {S} to its best week of the quarter.",
    ],
  ],
  "0": [
    [
      "{S} trades sideways ahead of central bank minutes",
      "Volumes were average as traders waited for the minutes.",
    ],
    ["{S} developers publish quarterly roadmap", "The roadmap lists routine maintenance releases."],
    ["{S} options expiry due on Friday", "About the usual notional is set to expire this week."],
    ["Exchange adds {S} margin pairs for institutional clients", "The pairs go live next Tuesday."],
  ],
  "-1": [
    [
      "{S} plunges after exchange hacked, withdrawals halted",
      "Losses from the hack are estimated in the millions.",
    ],
    [
      "Regulator opens probe into {S} staking products",
      "The probe could lead to a lawsuit, lawyers warned.",
    ],
    [
      "{S} falls as network outage halts block production",
      "The outage is the second this year, with weak recovery.",
    ],
    [
      "{S} slides on fraud allegations against large holder",
      "The fraud claims triggered a sharp fall in {S}.",
    ],
    ["Analysts cut {S} targets after weak quarter", "Fee revenue fell and the loss widened."],
  ],
};

function toMicros(name: string, v: string | number): number {
  const us = typeof v === "number" ? v : Date.parse(v) * 1000;
  if (!Number.isFinite(us)) {
    throw new RangeError(`sampleNews: ${name} must be an ISO date or epoch microseconds, got ${v}`);
  }
  return us;
}

/**
 * Seeded synthetic crypto headlines (dated, with symbols and a known tone) so demos,
 * notebooks and tests have articles to score offline. Synthetic: they say nothing about
 * real markets. Sorted by `publishedAt` (epoch µs), ids `news-0001`...
 *
 * @example
 * ```ts
 * import { sampleNews } from "@quantbook/sdk/llm";
 * const news = sampleNews({ seed: 1, count: 30, symbols: ["BTC"] });
 * news[0].headline; // e.g. "BTC rallies as spot ETF inflows hit a record"
 * ```
 */
export function sampleNews(options: SampleNewsOptions = {}): SampleArticle[] {
  const count = options.count ?? 200;
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`sampleNews: count must be an integer >= 0, got ${count}`);
  }
  const symbols = options.symbols ?? ["BTC", "ETH", "SOL"];
  if (symbols.length === 0) throw new RangeError("sampleNews: symbols must not be empty");
  const start = toMicros("start", options.start ?? "2025-03-01");
  const end = toMicros("end", options.end ?? "2025-03-31");
  if (!(end >= start)) throw new RangeError("sampleNews: end must not be before start");
  const rng = new SeededRandom(options.seed ?? 42);
  const random = (): number => rng.next();
  const times = Array.from({ length: count }, () => Math.floor(start + random() * (end - start)))
    .sort((a, b) => a - b);
  return times.map((publishedAt, i) => {
    const r = random();
    const tone: -1 | 0 | 1 = r < 0.35 ? 1 : r < 0.65 ? 0 : -1;
    const pool = TEMPLATES[String(tone) as "1" | "0" | "-1"];
    const [headline, body] = pool[Math.floor(random() * pool.length)];
    const symbol = symbols[Math.floor(random() * symbols.length)];
    return {
      id: `news-${String(i + 1).padStart(4, "0")}`,
      publishedAt,
      headline: headline.replaceAll("{S}", symbol),
      body: body.replaceAll("{S}", symbol),
      symbols: [symbol],
      source: "quantbook-sample",
      tone,
    };
  });
}
