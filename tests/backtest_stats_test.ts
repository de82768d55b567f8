import assert from "node:assert/strict";
import { backtest, computeStats, emptyTradeLedger } from "../lib/backtest/mod.ts";
import { crossover, crossunder, readCsvFile, rollingMean, toBars } from "../lib/series/mod.ts";

const DAY = 86_400e6;
const near = (a: number, b: number, rtol = 1e-8) =>
  assert.ok(Math.abs(a - b) <= rtol * Math.abs(b) + 1e-12, `${a} != ${b}`);

async function goog() {
  return toBars(
    await readCsvFile(new URL("../../shared/reference-data/GOOG.csv", import.meta.url)),
  );
}

/** SmaCross(10, 30) as targets: +1 on a cross up, -1 on a cross down, NaN = keep. */
function smaCrossTargets(close: Float64Array, fast: number, slow: number): Float64Array {
  const f = rollingMean(close, fast);
  const s = rollingMean(close, slow);
  const up = crossover(f, s);
  const down = crossunder(f, s);
  return Float64Array.from(close, (_, i) => (up[i] ? 1 : down[i] ? -1 : NaN));
}

Deno.test("backtesting.py 0.6.6 reference run: SmaCross(10, 30) on GOOG", async () => {
  const bars = await goog();
  const r = backtest(bars, smaCrossTargets(bars.close, 10, 30), {
    conventions: "backtesting.py",
    warmupBars: 29,
  });
  const s = r.stats;
  // Expected values of backtesting.py's test_compute_stats (finalize_trades=True).
  assert.equal(s.numTrades, 66);
  near(s.endValue, 51959.94999999997);
  near(s.equityPeak, 75787.44);
  near(s.totalReturnPct, 419.59949999999964);
  near(s.buyHoldReturnPct, 522.0601851851852);
  near(s.annReturnPct, 21.338952529139753);
  near(s.annVolatilityPct, 36.541528967898145);
  near(s.cagrPct, 21.307865404063108);
  near(s.sharpe, 0.5839644134181166);
  near(s.sortino, 1.0929459039159732);
  near(s.calmar, 0.4447456445221315);
  near(s.maxDrawdownPct, -47.98012705007589);
  near(s.avgDrawdownPct, -5.925851581948801);
  assert.equal(s.maxDrawdownDays, 584);
  assert.equal(s.avgDrawdownDays, 41);
  near(s.winRatePct, 46.96969696969697);
  near(s.bestTradePct, 53.59595229490424);
  near(s.worstTradePct, -18.39887353835481);
  near(s.avgTradePct, 2.5479693282886906);
  near(s.profitFactor, 2.174469316409448);
  near(s.expectancyPct, 3.2930986285628268);
  near(s.sqn, 1.0880865497975716);
  near(s.kelly, 0.15319708142323157);
  near(s.exposurePct, 96.74115456238361);
  near(s.alphaPct, 399.7149324245838);
  near(s.beta, 0.03808864981412506);
  assert.equal(s.maxTradeDays, 183);
  assert.equal(s.avgTradeDays, 46);
  // Finalized at the last close.
  assert.equal(r.trades.exitPrice[65], 806.19);
  assert.equal(r.trades.size[65], 64);
});

Deno.test("SMA 10/30 crossover on GOOG under the default conventions", async () => {
  const bars = await goog();
  const r = backtest(bars, smaCrossTargets(bars.close, 10, 30), { commission: 0.001 });
  const s = r.stats;
  assert.equal(s.barsPerYear, 252);
  assert.equal(s.numTrades, 66);
  assert.ok(s.totalFees > 0);
  // Equity is cash + marked position at every bar, and stats agree with the curve.
  near(s.endValue, r.equity[r.equity.length - 1]);
  near(s.totalReturnPct, (s.endValue / 10_000 - 1) * 100);
  const dd = Math.min(...r.drawdown) * 100;
  near(s.maxDrawdownPct, dd);
  assert.ok(s.maxDrawdownPct < -30 && s.maxDrawdownPct > -70);
});

Deno.test("computeStats default definitions on a hand-computed curve", () => {
  // Mon 2024-01-01 .. Thu: no weekend bars, so 252 bars per year.
  const t0 = Date.UTC(2024, 0, 1) * 1000;
  const equity = Float64Array.from([100, 110, 99, 121]);
  const s = computeStats(
    {
      equity,
      timestamp: Float64Array.from([0, 1, 2, 3], (d) => t0 + d * DAY),
      close: Float64Array.from([10, 11, 9.9, 12.1]),
      trades: emptyTradeLedger(),
    },
    { riskFreeRate: 0.02 },
  );
  const r = [0.1, -0.1, 121 / 99 - 1];
  const mean = r.reduce((a, b) => a + b) / 3;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / 2);
  const rfBar = Math.pow(1.02, 1 / 252) - 1;
  const down = Math.sqrt(r.reduce((a, b) => a + Math.min(b - rfBar, 0) ** 2, 0) / 3);
  assert.equal(s.barsPerYear, 252);
  near(s.totalReturnPct, 21);
  near(s.annReturnPct, (Math.pow(1.21, 252 / 3) - 1) * 100);
  near(s.annVolatilityPct, sd * Math.sqrt(252) * 100);
  near(s.sharpe, (mean - rfBar) / sd * Math.sqrt(252));
  near(s.sortino, (mean - rfBar) / down * Math.sqrt(252));
  const cagr = Math.pow(1.21, 365.25 / 3) - 1;
  near(s.cagrPct, cagr * 100);
  near(s.calmar, cagr / 0.1);
  near(s.maxDrawdownPct, -10);
  near(s.avgDrawdownPct, -10);
  assert.equal(s.maxDrawdownBars, 2);
  assert.equal(s.maxDrawdownDays, 2);
  near(s.buyHoldReturnPct, 21);
  assert.equal(s.numTrades, 0);
  assert.ok(Number.isNaN(s.winRatePct));
  near(s.beta, 1);
});

Deno.test("computeStats drawdown episodes: [0, 1, 7, 0, 4, 0, 0] % gives 3 and 2 bars", () => {
  const equity = Float64Array.from([100, 99, 93, 100, 96, 100, 100]);
  const s = computeStats({
    equity,
    timestamp: Float64Array.from(equity, (_, i) => i * DAY),
    close: equity,
    trades: emptyTradeLedger(),
  }, { barsPerYear: 365 });
  assert.equal(s.maxDrawdownBars, 3);
  near(s.maxDrawdownPct, -7);
  near(s.avgDrawdownPct, -5.5);
  near(s.avgDrawdownDays, 2.5);
});

Deno.test("computeStats trade statistics from the ledger", () => {
  const bars = {
    timestamp: Float64Array.from({ length: 7 }, (_, i) => i * DAY),
    open: Float64Array.from([10, 10, 12, 12, 9, 9, 9]),
    high: Float64Array.from([10, 10, 12, 12, 9, 9, 9]),
    low: Float64Array.from([10, 10, 12, 12, 9, 9, 9]),
    close: Float64Array.from([10, 10, 12, 12, 9, 9, 9]),
    volume: new Float64Array(7),
  };
  // Long 10 -> 12 (+20 %), then long 12 -> 9 (-25 %).
  const r = backtest(bars, Float64Array.from([1, 0, 1, 0, NaN, NaN, NaN]), { barsPerYear: 365 });
  const s = r.stats;
  assert.equal(s.numTrades, 2);
  near(s.winRatePct, 50);
  near(s.bestTradePct, 20);
  near(s.worstTradePct, -25);
  near(s.expectancyPct, -2.5);
  near(s.avgTradePct, (Math.sqrt(1.2 * 0.75) - 1) * 100);
  near(s.profitFactor, 2000 / 3000); // pnl: +2000, then 1000 units * -3
  const pnl = [2000, -3000];
  const sd = Math.sqrt(((2000 + 500) ** 2 + (-3000 + 500) ** 2) / 1);
  near(s.sqn, Math.sqrt(2) * -500 / sd);
  near(s.kelly, 0.5 - 0.5 / (pnl[0] / 3000));
  near(s.exposurePct, 2 / 7 * 100); // held at the close of bars 1 and 3
  const btpy = computeStats(
    { equity: r.equity, timestamp: bars.timestamp, close: bars.close, trades: r.trades },
    { conventions: "backtesting.py" },
  );
  near(btpy.profitFactor, 0.2 / 0.25);
  near(btpy.exposurePct, 4 / 7 * 100); // entry..exit bars inclusive: 1-2 and 3-4
});

Deno.test("computeStats infers bars per year from the timestamps", () => {
  const mk = (n: number, step: number) => Float64Array.from({ length: n }, (_, i) => i * step);
  const run = (t: Float64Array) =>
    computeStats({
      equity: Float64Array.from(t, (_, i) => 100 + i),
      timestamp: t,
      close: Float64Array.from(t, (_, i) => 100 + i),
      trades: emptyTradeLedger(),
    }).barsPerYear;
  assert.equal(run(mk(50, DAY)), 365); // every day, weekends included
  near(run(mk(50, 3600e6)), 365.25 * 24);
  near(run(mk(50, 60e6)), 365.25 * 24 * 60);
  assert.throws(
    () =>
      computeStats({
        equity: new Float64Array(2),
        timestamp: new Float64Array(3),
        close: new Float64Array(2),
        trades: emptyTradeLedger(),
      }),
    /same length/,
  );
});
