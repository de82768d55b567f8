import assert from "node:assert/strict";
import { backtest, smaCrossSweep, sweep, sweepHeatmap } from "../lib/backtest/mod.ts";
import { crossover, crossunder, rollingMean } from "../lib/series/mod.ts";
import type { Bars } from "../lib/series/mod.ts";

const DAY = 86_400e6;

function walk(n: number, seed: number): Bars {
  let s = seed;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const open = new Float64Array(n);
  const close = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    open[i] = p * (1 + (rnd() - 0.5) * 0.004);
    p *= 1 + (rnd() - 0.5) * 0.03;
    close[i] = p;
  }
  const t0 = Date.UTC(2020, 0, 6) * 1000;
  return {
    timestamp: Float64Array.from({ length: n }, (_, i) => t0 + (i + 2 * Math.floor(i / 5)) * DAY),
    open,
    high: Float64Array.from(open, (o, i) => Math.max(o, close[i])),
    low: Float64Array.from(open, (o, i) => Math.min(o, close[i])),
    close,
    volume: new Float64Array(n),
  };
}

function crossTargets(close: Float64Array, f: number, s: number, longOnly: boolean) {
  const a = rollingMean(close, f);
  const b = rollingMean(close, s);
  const up = crossover(a, b);
  const down = crossunder(a, b);
  return Float64Array.from(close, (_, i) => (up[i] ? 1 : down[i] ? (longOnly ? 0 : -1) : NaN));
}

const near = (a: number, b: number, rtol = 1e-9) =>
  assert.ok(
    (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= rtol * Math.abs(b) + 1e-9,
    `${a} != ${b}`,
  );

Deno.test("smaCrossSweep matches backtest() combination by combination", () => {
  const bars = walk(600, 3);
  // The risk-free rate also tests the warm-up bars, accounted in one step by the sweep.
  for (const [side, riskFreeRate] of [["longShort", 0], ["longOnly", 0.03]] as const) {
    const table = smaCrossSweep(bars, {
      fast: [3, 5, 8],
      slow: [10, 21, 40],
      commission: 0.001,
      slippageBps: 5,
      side,
      riskFreeRate,
    });
    assert.equal(table.fast.length, 9);
    for (let k = 0; k < table.fast.length; k++) {
      const targets = crossTargets(bars.close, table.fast[k], table.slow[k], side === "longOnly");
      const opts = { commission: 0.001, slippageBps: 5, riskFreeRate };
      const s = backtest(bars, targets, opts).stats;
      near(table.endValue[k], s.endValue);
      near(table.totalReturnPct[k], s.totalReturnPct);
      near(table.annReturnPct[k], s.annReturnPct);
      near(table.annVolatilityPct[k], s.annVolatilityPct, 1e-8);
      near(table.sharpe[k], s.sharpe, 1e-8);
      near(table.sortino[k], s.sortino, 1e-8);
      near(table.maxDrawdownPct[k], s.maxDrawdownPct);
      assert.equal(table.numTrades[k], s.numTrades);
      near(table.winRatePct[k], s.winRatePct);
      near(table.profitFactor[k], s.profitFactor);
      near(table.exposurePct[k], s.exposurePct);
    }
  }
  // A window longer than the data: no trade, flat statistics, same as backtest().
  const flat = smaCrossSweep(bars, { fast: [5], slow: [900] });
  assert.equal(flat.numTrades[0], 0);
  assert.equal(flat.endValue[0], 10_000);
  assert.throws(
    () => smaCrossSweep(walk(1, 1), { fast: [2], slow: [3] }),
    /an SMA sweep needs at least 2/,
  );
});

// The 0.5 s target is measured by tests/bench/backtest_bench.ts; this test only guards against
// large regressions, with slack for a busy CI machine running the suite in parallel.
Deno.test("smaCrossSweep: 10,000 combinations on 2,000 bars stay fast", () => {
  const bars = walk(2000, 11);
  const fast = Array.from({ length: 100 }, (_, i) => i + 2);
  const slow = Array.from({ length: 100 }, (_, i) => i + 110);
  smaCrossSweep(bars, { fast: fast.slice(0, 5), slow: slow.slice(0, 5) }); // warm-up
  const t0 = performance.now();
  const table = smaCrossSweep(bars, { fast, slow, commission: 0.001 });
  const ms = performance.now() - t0;
  assert.equal(table.fast.length, 10_000);
  assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
});

Deno.test("sweep evaluates the cartesian grid, memoizes and builds a heatmap", () => {
  let computed = 0;
  const table = sweep(
    { fast: [2, 3], slow: [5, 8, 13] },
    (p, memo) => {
      const f = memo(`sma:${p.fast}`, () => (computed++, p.fast * 10));
      return { score: f + p.slow, label: "ignored" };
    },
    { where: (p) => p.fast * p.slow !== 39 },
  );
  assert.deepEqual([...table.fast], [2, 2, 2, 3, 3]);
  assert.deepEqual([...table.slow], [5, 8, 13, 5, 8]);
  assert.deepEqual([...table.score], [25, 28, 33, 35, 38]);
  assert.equal(computed, 2);
  assert.equal(table.label, undefined);
  const heat = sweepHeatmap(table, "fast", "slow", "score");
  assert.deepEqual(heat.x, [2, 3]);
  assert.deepEqual(heat.y, [5, 8, 13]);
  assert.deepEqual(heat.z, [[25, 35], [28, 38], [33, NaN]]);
  assert.throws(() => sweep({}, () => ({})), /grid is empty/);
  assert.throws(() => sweepHeatmap(table, "fast", "nope", "score"), /no numeric column "nope"/);
});

Deno.test("sweep over backtest stats returns one row per combination", () => {
  const bars = walk(300, 5);
  const table = sweep({ fast: [3, 5], slow: [20, 30] }, (p, memo) => {
    const targets = memo(
      `t:${p.fast}:${p.slow}`,
      () => crossTargets(bars.close, p.fast, p.slow, false),
    );
    return backtest(bars, targets, { commission: 0.001 }).stats;
  });
  assert.equal(table.sharpe.length, 4);
  assert.ok(table.numTrades.every((v) => v > 0));
  const fast = smaCrossSweep(bars, { fast: [3, 5], slow: [20, 30], commission: 0.001 });
  for (let k = 0; k < 4; k++) near(table.endValue[k], fast.endValue[k]);
});
