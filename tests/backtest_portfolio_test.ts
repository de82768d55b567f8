import assert from "node:assert/strict";
import { backtestPortfolio } from "../lib/backtest/mod.ts";
import type { Bars } from "../lib/series/mod.ts";

const DAY = 86_400e6;
const mk = (c: number[], o?: number[]): Bars => {
  const close = Float64Array.from(c);
  const open = Float64Array.from(o ?? c);
  return {
    timestamp: Float64Array.from(c, (_, i) => i * DAY),
    open,
    high: Float64Array.from(c, (v, i) => Math.max(v, open[i])),
    low: Float64Array.from(c, (v, i) => Math.min(v, open[i])),
    close,
    volume: new Float64Array(c.length),
  };
};
const w = (...v: number[]) => Float64Array.from(v);
const near = (a: number, b: number, eps = 1e-9) =>
  assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

Deno.test("backtestPortfolio shares one cash account across assets", () => {
  const r = backtestPortfolio(
    { BTC: mk([100, 110, 121]), ETH: mk([10, 10, 10]) },
    { BTC: w(0.5, NaN, NaN), ETH: w(0.5, NaN, NaN) },
    { fill: "close" },
  );
  assert.deepEqual([...r.equity], [10_000, 10_500, 11_050]);
  assert.deepEqual([...r.positions.BTC.slice(0, 2)], [50, 50]);
  assert.deepEqual([...r.positions.ETH.slice(0, 2)], [500, 500]);
  near(r.weights.BTC[1], 5500 / 10_500);
  near(r.grossExposure[0], 1);
  assert.equal(r.trades.pnl.length, 2);
  assert.deepEqual([...r.trades.symbol].sort(), ["BTC", "ETH"]);
  near(r.stats.totalReturnPct, 10.5);
});

Deno.test("backtestPortfolio fills at the next open, closes before it opens", () => {
  const a = mk([10, 10, 20, 20], [10, 10, 20, 20]);
  const b = mk([10, 10, 10, 10], [10, 10, 10, 10]);
  const r = backtestPortfolio({ A: a, B: b }, { A: w(1, 0, NaN, NaN), B: w(0, 1, NaN, NaN) });
  // Bar 1 open: buy 1000 A. Bar 2 open (A = 20): sell A for 20,000, then buy 2,000 B.
  assert.deepEqual([...r.positions.A], [0, 1000, 0, 0]);
  assert.deepEqual([...r.positions.B], [0, 0, 2000, 0]);
  assert.deepEqual([...r.equity], [10_000, 10_000, 20_000, 20_000]);
  assert.deepEqual([...r.trades.symbol], ["A", "B"]);
});

Deno.test("backtestPortfolio gross and net exposure for long/short books", () => {
  const r = backtestPortfolio(
    { A: mk([10, 10, 10]), B: mk([20, 20, 20]) },
    { A: w(0.5, NaN, NaN), B: w(-0.5, NaN, NaN) },
    { fill: "close", closeAtEnd: false },
  );
  near(r.grossExposure[1], 1);
  near(r.netExposure[1], 0);
  near(r.weights.B[1], -0.5);
  near(r.cash[1], 10_000);
});

Deno.test("backtestPortfolio maxPositions keeps the largest weights", () => {
  const flat = () => mk([10, 10, 10, 10]);
  const r = backtestPortfolio(
    { A: flat(), B: flat(), C: flat() },
    { A: w(0.2, NaN, NaN, NaN), B: w(0.5, NaN, NaN, NaN), C: w(0.3, NaN, NaN, NaN) },
    { maxPositions: 2, closeAtEnd: false },
  );
  assert.equal(r.positions.A[2], 0);
  near(r.weights.B[2], 0.5);
  near(r.weights.C[2], 0.3);
});

Deno.test("backtestPortfolio rebalances only past the band", () => {
  const up = mk([10, 10, 11, 12, 13, 14, 15]);
  const flat = mk([10, 10, 10, 10, 10, 10, 10]);
  const targets = {
    A: w(0.5, NaN, NaN, NaN, NaN, NaN, NaN),
    B: w(0.5, NaN, NaN, NaN, NaN, NaN, NaN),
  };
  const none = backtestPortfolio({ A: up, B: flat }, targets, { closeAtEnd: false });
  assert.equal(none.trades.pnl.length, 0); // no target change, no trade
  assert.ok(none.weights.A[6] > 0.55);
  const banded = backtestPortfolio({ A: up, B: flat }, targets, {
    rebalanceBand: 0.03,
    closeAtEnd: false,
  });
  // A's weight after bar 2 is 5500/10500 = 0.524 (inside), after bar 3 ~0.545 (outside).
  assert.equal(banded.positions.A[3], banded.positions.A[2]);
  assert.ok(banded.positions.A[4] < banded.positions.A[3]);
  near(banded.weights.A[4], 0.5 * 13 / 13, 0.05);
  for (let i = 0; i < 7; i++) {
    near(
      banded.equity[i],
      banded.cash[i] + banded.positions.A[i] * up.close[i] + banded.positions.B[i] * 10,
    );
  }
});

Deno.test("backtestPortfolio errors name the asset, the bar and the fix", () => {
  const a = mk([10, 10, 10]);
  const shifted = { ...mk([10, 10, 10]), timestamp: Float64Array.from([0, DAY, 3 * DAY]) };
  assert.throws(
    () => backtestPortfolio({ A: a, B: shifted }, { A: w(0.5, NaN, NaN), B: w(0.5, NaN, NaN) }),
    /barsBySymbol.B.timestamp differs from A's at index 2/,
  );
  assert.throws(
    () =>
      backtestPortfolio({ A: a, B: mk([1, 1, 1]) }, { A: w(0.8, NaN, NaN), B: w(0.8, NaN, NaN) }),
    /target weights at bar 0 sum to 1.6 .* leverage 1/,
  );
  assert.throws(
    () => backtestPortfolio({ A: a }, { A: w(1, NaN, NaN), X: w(1, NaN, NaN) }),
    /targetsBySymbol.X has no bars/,
  );
  assert.throws(() => backtestPortfolio({ A: a }, { A: w(1) }), /one weight per bar \(3\)/);
});

Deno.test("backtestPortfolio invariants on random weights: marked equity, trades on changes", () => {
  let s = 12;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const n = 300;
  const names = ["A", "B", "C", "D"];
  const bars: Record<string, Bars> = {};
  const targets: Record<string, Float64Array> = {};
  for (const name of names) {
    const c: number[] = [];
    let p = 50 + rnd() * 50;
    for (let i = 0; i < n; i++) c.push(p *= 1 + (rnd() - 0.5) * 0.04);
    bars[name] = mk(c, c.map((v, i) => (i ? c[i - 1] : v)));
    targets[name] = Float64Array.from(
      { length: n },
      () => (rnd() < 0.05 ? Math.round((rnd() - 0.3) * 5) / 20 : NaN),
    );
  }
  const r = backtestPortfolio(bars, targets, {
    commission: 0.001,
    slippageBps: 5,
    maxPositions: 3,
    closeAtEnd: false,
  });
  for (let i = 0; i < n; i++) {
    let v = r.cash[i];
    let g = 0;
    for (const name of names) {
      const x = r.positions[name][i] * bars[name].close[i];
      v += x;
      g += Math.abs(x);
    }
    near(r.equity[i], v, 1e-9);
    near(r.grossExposure[i], g / v, 1e-9);
    assert.ok(r.grossExposure[i] <= 1 + 0.02, `gross ${r.grossExposure[i]} at ${i}`);
  }
  for (const name of names) {
    const held = r.positions[name];
    for (let i = 1; i < n; i++) {
      if (held[i] === held[i - 1]) continue;
      // A position only moves at the open after a bar where some target was given.
      assert.ok(
        names.some((k) => targets[k][i - 1] === targets[k][i - 1]),
        `${name} moved at ${i}`,
      );
    }
  }
  assert.ok(r.trades.pnl.length > 5);
});

/** Bars with explicit open, high, low and close. */
const ohlc = (o: number[], h: number[], l: number[], c: number[]): Bars => ({
  timestamp: Float64Array.from(c, (_, i) => i * DAY),
  open: Float64Array.from(o),
  high: Float64Array.from(h),
  low: Float64Array.from(l),
  close: Float64Array.from(c),
  volume: new Float64Array(c.length),
});

Deno.test("backtestPortfolio stops each asset on its own; a stopped asset waits for a new target", () => {
  const a = ohlc(
    [100, 100, 95, 96, 97],
    [100, 101, 96, 97, 98],
    [100, 97, 85, 95, 96],
    [100, 98, 92, 96, 97],
  );
  const b = mk([50, 50, 50, 50, 50]);
  const r = backtestPortfolio(
    { A: a, B: b },
    { A: w(0.5, NaN, NaN, 0.25, NaN), B: w(0.5, NaN, NaN, NaN, NaN) },
    { stopLossPct: 10, rebalanceBand: 0.05 }, // B drifts to 0.526 after A's stop: inside
  );
  // Bar 1 open: 50 A and 100 B. Bar 2: A's low 85 crosses the stop at 90 (open 95): exit at 90.
  assert.deepEqual([...r.positions.A.slice(0, 4)], [0, 50, 0, 0]); // the band does not re-enter
  near(r.equity[2], 50 * 90 + 100 * 50);
  // The target changes at bar 3's close: A re-enters at bar 4's open (25 % of 9,500 at 97).
  near(r.positions.A[3], 0);
  assert.deepEqual([...r.trades.symbol], ["A", "A", "B"]);
  assert.deepEqual(r.trades.exitReason, ["stopLoss", "end", "end"]);
  near(r.trades.exitPrice[0], 90);
  near(r.trades.pnl[0], -500);
  near(r.trades.size[1], 0.25 * 9500 / 97);
  assert.equal(r.trades.entryIndex[1], 4);
});

Deno.test("backtestPortfolio short stop fills at a gapping open", () => {
  const a = ohlc([100, 100, 110, 110], [100, 101, 112, 111], [100, 99, 108, 109], [
    100,
    100,
    111,
    110,
  ]);
  const r = backtestPortfolio({ A: a }, { A: w(-0.5, NaN, NaN, NaN) }, {
    stopLossPct: 5,
    takeProfitPct: 5,
  });
  // Short 50 at 100; stop at 105, but bar 2 opens at 110: the stop fills at the open.
  assert.deepEqual([...r.trades.exitPrice], [110]);
  assert.deepEqual(r.trades.exitReason, ["stopLoss"]);
  near(r.trades.pnl[0], -50 * 10);
});

Deno.test("backtestPortfolio scales increases to the cash left, fixed fees included", () => {
  const a = mk([100, 200, 200, 200], [100, 100, 200, 200]);
  const b = mk([10, 10, 10, 10]);
  const r = backtestPortfolio(
    { A: a, B: b },
    { A: w(0.5, NaN, NaN, NaN), B: w(0, 0.5, NaN, NaN) },
    { commission: { fixed: 10 }, closeAtEnd: false },
  );
  // Bar 1: (5,000 - 10) / 100 = 49.9 A. Bar 2: B wants 0.5 * 14,980 but only 5,000 is cash.
  near(r.positions.A[1], 49.9);
  near(r.cash[1], 5000);
  near(r.positions.B[2], 499);
  near(r.cash[2], 0, 1e-6);
  assert.ok(r.cash.every((c) => c >= -1e-9), "cash stays >= 0 without leverage");
  const end = backtestPortfolio(
    { A: a, B: b },
    { A: w(0.5, NaN, NaN, NaN), B: w(0, 0.5, NaN, NaN) },
    { commission: { fixed: 10 } },
  );
  assert.deepEqual([...end.trades.fees], [20, 20]); // entry + exit fee per trade
  near(end.stats.totalFees, 40);
});

Deno.test("backtestPortfolio refuses negative cash without leverage", () => {
  let calls = 0;
  // A fee that grows with every quote: it always charges more than it quoted.
  const creeping = (size: number, price: number) => Math.abs(size) * price * 0.01 * calls++;
  assert.throws(
    () =>
      backtestPortfolio({ A: mk([100, 100, 100]) }, { A: w(1, NaN, NaN) }, {
        commission: creeping,
      }),
    /cash went negative \(-[\d.]+\) at bar 1 .* leverage/,
  );
});

Deno.test("backtestPortfolio opens nothing once equity is gone", () => {
  // Short A with all equity, A triples: equity is negative; B's new target is ignored.
  const r = backtestPortfolio(
    { A: mk([10, 10, 30, 30, 30]), B: mk([5, 5, 5, 5, 5]) },
    { A: w(-1, NaN, NaN, NaN, NaN), B: w(0, NaN, NaN, NaN, NaN) },
    { leverage: 1, closeAtEnd: false },
  );
  near(r.equity[2], -10_000);
  const again = backtestPortfolio(
    { A: mk([10, 10, 30, 30, 30]), B: mk([5, 5, 5, 5, 5]) },
    { A: w(-1, NaN, 0, NaN, NaN), B: w(0, NaN, NaN, 1, NaN) },
    { closeAtEnd: false },
  );
  assert.ok(again.positions.B.every((v) => v === 0));
  near(again.equity[4], -10_000);
});

Deno.test("backtestPortfolio maxPositions: ties keep the first symbol, a freed slot promotes", () => {
  const flat = () => mk([10, 10, 10, 10, 10]);
  const r = backtestPortfolio(
    { A: flat(), B: flat(), C: flat() },
    {
      A: w(0.4, NaN, 0, NaN, NaN),
      B: w(0.3, NaN, NaN, NaN, NaN),
      C: w(0.3, NaN, NaN, NaN, NaN),
    },
    { maxPositions: 2, closeAtEnd: false },
  );
  // Bar 1: A and B (B ties C and comes first). A's target drops to 0 at bar 2's close: C
  // takes the freed slot at bar 3's open, B is untouched.
  assert.deepEqual([...r.positions.A], [0, 400, 400, 0, 0]);
  assert.deepEqual([...r.positions.B], [0, 300, 300, 300, 300]);
  assert.deepEqual([...r.positions.C], [0, 0, 0, 300, 300]);
  assert.equal(r.trades.pnl.length, 1); // A's close
});
