/**
 * quantbook end to end (`deno task demo`): Tardis-format trades -> hourly bars -> factors
 * -> news sentiment joined as-of with a latency -> target exposures -> backtest with costs
 * -> a stats table in the terminal and a standalone HTML report.
 *
 * The default sample is 60 days of hourly bars: annualized figures (Sharpe, Sortino,
 * volatility) from a few days of 5-minute bars are extrapolations too wild to read.
 *
 * Offline and keyless by default: it writes seeded sample files in Tardis' own format and
 * cache naming, which `fetchDataset` then reads from its cache (the same code path as real
 * downloads), and scores generated headlines with the lexicon baseline. With real services:
 *
 * - `TARDIS_API_KEY=...` (or `--live` for a free first-of-month date) downloads real trades
 *   and funding from datasets.tardis.dev (cached under .cache/tardis);
 * - `QUANTBOOK_LLM_BASE_URL`, `QUANTBOOK_LLM_API_KEY`, `QUANTBOOK_LLM_MODEL` score the
 *   headlines with that model (answers cached under .cache/llm); add `--replay` to replay
 *   that cache offline (a headline missing from the cache is reported as a failure).
 *
 * Flags: `--out DIR` (default out/), `--date YYYY-MM-DD` (default 2024-03-01), `--days N`
 * (default 60 on sample data, 3 on real data, 1 with `--live` and no key), `--bar 1h` (bar
 * length: `5m`, `15m`, `1h`, ...; default `1h`, or `5m` for a sample shorter than a week),
 * `--symbol BTCUSDT`, `--exchange binance-futures`, `--live`, `--replay`, `--endpoint URL`
 * (a Tardis-compatible datasets endpoint instead of datasets.tardis.dev; implies live
 * downloads).
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  asOf,
  backtest,
  type BacktestStats,
  barOrderFlowImbalance,
  compositeScore,
  createDownloadProgressBar,
  createLlm,
  equityFigure,
  fetchDatasets,
  lineFigure,
  momentum,
  priceFigure,
  realizedVolatility,
  rollingZscore,
  sampleNews,
  scoreSentiment,
  scoreSentimentLexicon,
  sentimentFigure,
  type SentimentScore,
  sentimentToColumns,
  statsView,
  tableView,
  tradeBars,
  tradeReturnsFigure,
  writeReport,
  writeSampleDatasets,
} from "../mod.ts";

const started = performance.now();
const { values: args } = parseArgs({
  args: Deno.args,
  options: {
    out: { type: "string", default: "out" },
    date: { type: "string", default: "2024-03-01" },
    days: { type: "string" },
    bar: { type: "string" },
    symbol: { type: "string", default: "BTCUSDT" },
    exchange: { type: "string", default: "binance-futures" },
    live: { type: "boolean", default: false },
    replay: { type: "boolean", default: false },
    endpoint: { type: "string" },
  },
});
const apiKey = Deno.env.get("TARDIS_API_KEY");
const live = apiKey !== undefined || args.live || args.endpoint !== undefined;
const freeDataOnly = args.live && !apiKey && !args.endpoint;
// Real trade files are large (millions of trades a day): live runs default to a few days.
const days = Number(args.days ?? (freeDataOnly ? 1 : live ? 3 : 60));
if (!Number.isInteger(days) || days < 1 || days > 366) {
  throw new RangeError(`--days must be an integer from 1 to 366, got "${args.days}".`);
}
const bar = args.bar ?? (days >= 7 ? "1h" : "5m");
const barMatch = /^(\d+)(m|h)$/.exec(bar);
const BAR_MINUTES = barMatch ? Number(barMatch[1]) * (barMatch[2] === "h" ? 60 : 1) : NaN;
if (!(BAR_MINUTES > 0) || 1440 % BAR_MINUTES !== 0) {
  throw new RangeError(
    `--bar must be minutes or hours that divide a day (5m, 15m, 1h, 4h, ...), got "${bar}".`,
  );
}
const barName = barMatch![2] === "h" ? `${barMatch![1]}-hour` : `${barMatch![1]}-minute`;
const { exchange, symbol } = args;
const DAY_US = 86_400e6;
const firstDay = Date.parse(`${args.date}T00:00:00Z`) * 1000;
if (!Number.isFinite(firstDay)) {
  throw new RangeError(`--date must be YYYY-MM-DD, got "${args.date}".`);
}
const dates = Array.from(
  { length: days },
  (_, d) => new Date((firstDay + d * DAY_US) / 1000).toISOString().slice(0, 10),
);

// ---- 1. Data: real Tardis downloads, or sample files in Tardis' format read via the cache.
if (freeDataOnly && (days > 1 || !args.date.endsWith("-01"))) {
  throw new RangeError(
    "--live without TARDIS_API_KEY can only read free data: the first day of a month " +
      "(e.g. --date 2024-03-01 --days 1). Set TARDIS_API_KEY for other days.",
  );
}
const cacheDir = live ? ".cache/tardis" : ".cache/demo-sample";
if (!live) {
  // The generator is seeded: the same options write the same bytes, so a folder that already
  // holds them (recorded in a marker file) is reused and the demo starts at once.
  const sample = {
    dir: cacheDir,
    exchange,
    symbol,
    date: args.date,
    days,
    tradesPerDay: 10_000,
    dataTypes: ["trades" as const],
  };
  const marker = `${cacheDir}/demo-sample.json`;
  const written = await Deno.readTextFile(marker).catch(() => "");
  if (written !== JSON.stringify(sample)) {
    await writeSampleDatasets(sample);
    await Deno.writeTextFile(marker, JSON.stringify(sample));
  }
}
const download = live ? createDownloadProgressBar({ label: `${symbol} trades` }) : undefined;
const trades = await fetchDatasets({
  exchange,
  dataType: "trades",
  symbols: [symbol],
  from: dates[0],
  to: new Date((firstDay + days * DAY_US) / 1000), // exclusive, like the official clients
  apiKey,
  endpoint: args.endpoint,
  cacheDir,
  onProgress: download?.update,
});
download?.done();
const bars = tradeBars(trades, { by: "time", interval: bar });
const n = bars.close.length;

// ---- 2. Factors (trailing windows only: nothing here looks at a future bar). Windows count
// bars: with hourly bars, momentum looks back a day and the z-scores four days.
const MOMENTUM_BARS = 24;
const VOLATILITY_BARS = 48;
const FLOW_BARS = 12;
const ZSCORE_BARS = 96;
const BARS_PER_YEAR = (1440 / BAR_MINUTES) * 365;
const mom = momentum(bars.close, MOMENTUM_BARS);
const vol = realizedVolatility(bars.close, VOLATILITY_BARS, { barsPerYear: BARS_PER_YEAR });
const flow = barOrderFlowImbalance(bars.buyVolume, bars.sellVolume, FLOW_BARS);
const composite = compositeScore({ momentum: mom, volatility: vol, orderFlow: flow }, ZSCORE_BARS);

// ---- 3. News sentiment: an LLM when configured, else the (weak) lexicon baseline.
const coin = symbol.replace(/USDT?$|USD$|PERP$/, "");
const articles = sampleNews({
  seed: 7,
  count: 6 * days,
  symbols: [coin],
  start: firstDay,
  end: firstDay + days * DAY_US - 1,
});
let scores: SentimentScore[];
let scorer: string;
if (Deno.env.get("QUANTBOOK_LLM_MODEL") || Deno.env.get("QUANTBOOK_LLM_BASE_URL")) {
  const llm = createLlm({ cacheDir: ".cache/llm", cacheMode: args.replay ? "only" : "use" });
  scores = await scoreSentiment(llm, articles, { progress: true });
  const failed = scores.filter((s) => !s.ok);
  const risky = scores.filter((s) => s.lookAheadRisk).length;
  scorer = `LLM ${scores[0]?.model ?? ""} (${args.replay ? "replayed from" : "cached in"} ` +
    `.cache/llm; ${failed.length} failed, left out; ${risky} predate its knowledge cutoff)`;
  if (failed.length) console.error(`first LLM failure: ${failed[0].error}`);
} else if (args.replay) {
  throw new Error("--replay needs QUANTBOOK_LLM_MODEL (and the base URL) of the cached answers.");
} else {
  scores = scoreSentimentLexicon(articles);
  scorer = "lexicon baseline (afinn-165-financialmarketnews; weak, offline, no key)";
}
const news = sentimentToColumns(scores, { symbol: coin, okOnly: true });
// Each bar sees the latest headline published at least 2 minutes before its close, for 6 hours.
const LATENCY_US = 120e6;
const FRESH_US = 6 * 3600e6;
const seen = asOf(bars.timestamp, news.publishedAt, { latencyUs: LATENCY_US });
const barSentiment = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const j = seen[i];
  barSentiment[i] = j >= 0 && bars.timestamp[i] - news.publishedAt[j] <= FRESH_US
    ? news.score[j]
    : 0;
}

// ---- 4. Signals -> target exposures, decided at each bar's close (filled at the next open).
const targets = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const c = composite[i];
  if (c > 0.5 && barSentiment[i] >= 0) targets[i] = 1;
  else if (c < -0.5 && barSentiment[i] <= 0) targets[i] = -1;
}
const costs = { commission: 0.0004, slippageBps: 1 }; // 4 bps taker fee + 1 bp slippage per fill
const result = backtest(bars, targets, costs);
const hold = backtest(bars, new Float64Array(n).fill(1), costs);

// ---- 5. Terminal summary and HTML report.
const KEYS = [
  "totalReturnPct",
  "buyHoldReturnPct",
  "annVolatilityPct",
  "sharpe",
  "sortino",
  "maxDrawdownPct",
  "winRatePct",
  "profitFactor",
  "numTrades",
  "exposurePct",
  "barsPerYear",
] as const;
const pick = (s: BacktestStats) => Object.fromEntries(KEYS.map((k) => [k, s[k]]));
const summary = { strategy: pick(result.stats), "buy & hold": pick(hold.stats) };
const annualization = `Annualized from ${n.toLocaleString("en-US")} ${barName} bars over ` +
  `${days} days, with ${result.stats.barsPerYear.toLocaleString("en-US")} bars per year ` +
  `(24/7 trading); risk-free rate 0.` +
  (days < 30 ? ` Warning: ${days} days are too few for annualized figures to mean much.` : "");
const source = live
  ? `${args.endpoint ?? "Tardis.dev"} ${exchange} ${symbol} trades, ${dates[0]} to ${dates.at(-1)}`
  : `sample data in Tardis format (seeded), ${exchange} ${symbol}, ${dates[0]} to ${dates.at(-1)}`;
const span = (count: number) => `${count} bars (${(count * BAR_MINUTES) / 60} h)`;
console.log(`quantbook demo: ${source}`);
console.log(
  `${trades.price.length.toLocaleString("en-US")} trades -> ${n} ${barName} bars; ` +
    `${articles.length} headlines scored by the ${scorer}`,
);
console.log(`costs: 4 bps commission + 1 bp slippage per fill; fills at the next bar's open\n`);
console.log(statsView(summary, { title: annualization }).toText());

const zScored = {
  momentum: rollingZscore(mom, ZSCORE_BARS),
  "order flow": rollingZscore(flow, ZSCORE_BARS),
};
const path = await writeReport(`${args.out}/demo-report.html`, {
  title: `quantbook demo: ${symbol} factor + sentiment strategy`,
  subtitle: `${source}, ${barName} bars. Sentiment: ${scorer}.`,
  sections: [
    {
      title: "Result",
      note: "Long when the composite factor score is above 0.5 and recent news is not negative; " +
        "short when it is below -0.5 and news is not positive; flat otherwise. Decisions at " +
        `each ${barName} close fill at the next bar's open. Costs: 4 bps commission and 1 bp ` +
        `slippage per fill, included in every number below.\n\n${annualization}` +
        (live ? "" : "\n\nThe seeded sample prices are a random walk: no signal can have an " +
          "edge on them, so this result is costs plus luck. It shows the mechanics; real data " +
          "(TARDIS_API_KEY, or --live for a free day) is where a strategy is tested."),
      stats: summary,
      figure: equityFigure(bars.timestamp, result.equity, {
        title: "Equity vs buy & hold (account currency, costs included)",
        prices: bars.close,
      }),
    },
    {
      title: "Price and trades",
      figure: priceFigure(bars, {
        title: `${symbol} ${barName} bars with the strategy's fills`,
        trades: result.trades,
        volume: true,
      }),
    },
    {
      title: "Factors",
      note: `Composite = 40% momentum (log return over ${span(MOMENTUM_BARS)}), 20% inverted ` +
        `realized volatility (${span(VOLATILITY_BARS)}), 15% order-flow imbalance (taker buy vs ` +
        `sell volume over ${span(FLOW_BARS)}), each as a rolling z-score over ` +
        `${span(ZSCORE_BARS)} (weights renormalized). Dashed lines: the composite's ±0.5 ` +
        "entry thresholds.",
      figure: lineFigure(bars.timestamp, { composite, ...zScored }, {
        title: "Factor z-scores",
        stacked: true,
        levels: { composite: [-0.5, 0.5] },
      }),
    },
    {
      title: "News sentiment",
      note: `Each bar sees the latest headline published at least ${LATENCY_US / 60e6} minutes ` +
        "before its close (an as-of join, never a later one), for 6 hours.",
      figure: sentimentFigure(bars, {
        timestamp: news.publishedAt,
        score: news.score,
        text: news.id.map((id) => articles.find((a) => a.id === id)?.headline ?? id),
      }, { barScore: barSentiment, title: "Headline scores and the score seen by the bars" }),
    },
    {
      title: "Trades",
      note: "Returns per trade after costs; the table lists the first and last five trades.",
      figure: tradeReturnsFigure(result.trades),
      table: tableView(result.trades, { maxRows: 10, digits: 2 }),
    },
    {
      title: "All statistics",
      note: `Definitions: lib/backtest/README.md. ${annualization}`,
      stats: { strategy: result.stats, "buy & hold": hold.stats },
    },
  ],
});
console.log(`\nReport: ${path}`);
console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
