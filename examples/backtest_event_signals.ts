/**
 * Event-driven signals, honestly: time-stamped scores (say, an LLM's sentiment on news
 * headlines) become targets through the as-of join with a latency, so an item published at
 * time t can only move a position at the first open after t + latency. Then the backtest,
 * an event study around strongly positive items and the information coefficient of the
 * aligned score against forward returns.
 *
 * Run: `deno run examples/backtest_event_signals.ts` (synthetic data, no network).
 *
 * @module
 */
import {
  backtest,
  eventStudy,
  eventTargets,
  informationCoefficientByHorizon,
} from "../lib/backtest/mod.ts";
import { asOfValues, SeededRandom } from "../lib/series/mod.ts";
import type { Bars } from "../lib/series/mod.ts";

const HOUR = 3600e6;
const LATENCY = 15 * 60e6; // 15 minutes from publication to a usable score

// Seeded synthetic market: hourly bars where news items nudge the drift of the next hours.
const rng = new SeededRandom(7);
const rnd = (): number => rng.next();
const n = 24 * 120;
const t0 = Date.UTC(2024, 0, 1) * 1000;
const newsTimes: number[] = [];
const newsScores: number[] = [];
for (let t = t0 + rnd() * 10 * HOUR; t < t0 + (n - 1) * HOUR; t += rnd() * 20 * HOUR) {
  newsTimes.push(Math.floor(t));
  newsScores.push(Math.round((rnd() * 2 - 1) * 100) / 100);
}
const open = new Float64Array(n);
const close = new Float64Array(n);
let price = 40_000;
let k = 0;
let drift = 0;
for (let i = 0; i < n; i++) {
  const barTime = t0 + i * HOUR;
  while (k < newsTimes.length && newsTimes[k] <= barTime) drift = newsScores[k++] * 0.001;
  open[i] = price;
  price *= 1 + drift + (rnd() - 0.5) * 0.01;
  drift *= 0.9;
  close[i] = price;
}
const bars: Bars = {
  timestamp: Float64Array.from({ length: n }, (_, i) => t0 + i * HOUR),
  open,
  high: Float64Array.from(open, (o, i) => Math.max(o, close[i]) * 1.002),
  low: Float64Array.from(open, (o, i) => Math.min(o, close[i]) * 0.998),
  close,
  volume: new Float64Array(n),
};
const events = Float64Array.from(newsTimes);
const scores = Float64Array.from(newsScores);

// Scores -> targets: long above 0.3, short below -0.3, flat once the item is 12 hours old.
const targets = eventTargets(bars.timestamp, events, scores, {
  latencyUs: LATENCY,
  threshold: 0.3,
  maxAgeUs: 12 * HOUR,
});
const result = backtest(bars, targets, { commission: 0.0005, slippageBps: 2, stopLossPct: 3 });
const s = result.stats;
console.log(`${events.length} news items, ${s.numTrades} trades`);
console.log(
  `return ${s.totalReturnPct.toFixed(2)} % (buy & hold ${s.buyHoldReturnPct.toFixed(2)} %), ` +
    `Sharpe ${s.sharpe.toFixed(2)}, max drawdown ${s.maxDrawdownPct.toFixed(2)} %, ` +
    `fees ${s.totalFees.toFixed(2)}, slippage ${s.totalSlippage.toFixed(2)}`,
);

// No look-ahead, checked: every entry fill comes after the item it acted on plus the latency.
for (let j = 0; j < result.trades.entryTime.length; j++) {
  const decided = bars.timestamp[result.trades.entryIndex[j] - 1];
  const seen = newsTimes.filter((t) => t <= decided - LATENCY).pop()!;
  if (result.trades.entryTime[j] < seen + LATENCY) throw new Error("look-ahead detected");
}

// Event study around strongly positive items.
const positive = events.filter((_, e) => scores[e] > 0.5);
const study = eventStudy(bars.timestamp, close, positive, { window: 6, latencyUs: LATENCY });
console.log("offset  mean cumulative return  events");
study.offsets.forEach((o, j) =>
  console.log(
    `${String(o).padStart(6)}  ${(study.meanCumReturn[j] * 100).toFixed(3).padStart(20)} %  ${
      study.count[j]
    }`,
  )
);

// Does the aligned score predict the next 1, 6 and 24 hours?
const aligned = asOfValues(bars.timestamp, events, scores, { latencyUs: LATENCY });
const ic = informationCoefficientByHorizon(aligned, close, [1, 6, 24]);
ic.horizon.forEach((h, k) =>
  console.log(`IC ${h}h ${ic.ic[k].toFixed(3)} over ${ic.count[k]} bars`)
);
