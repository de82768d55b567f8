import assert from "node:assert/strict";
import { backtest, tradeRows } from "../lib/backtest/mod.ts";
import { pyFloorDiv } from "../lib/backtest/_pyfloor.ts";
import type { Bars } from "../lib/series/mod.ts";

const DAY = 86_400e6;
const T0 = Date.UTC(2024, 0, 1) * 1000;

/** Bars from open/close (high/low default to the max/min of the two). */
function mkBars(
  open: number[],
  close: number[],
  high?: number[],
  low?: number[],
): Bars {
  const n = close.length;
  return {
    timestamp: Float64Array.from({ length: n }, (_, i) => T0 + i * DAY),
    open: Float64Array.from(open),
    high: Float64Array.from(high ?? open.map((o, i) => Math.max(o, close[i]))),
    low: Float64Array.from(low ?? open.map((o, i) => Math.min(o, close[i]))),
    close: Float64Array.from(close),
    volume: new Float64Array(n),
  };
}

const tg = (...v: number[]) => Float64Array.from(v);
const close = (a: number, b: number, eps = 1e-9) =>
  assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

const OPEN = [10, 10.5, 11.5, 12, 11];
const CLOSE = [10, 11, 12, 11, 13];

Deno.test("backtest fills at the next open with fractional units", () => {
  const r = backtest(mkBars(OPEN, CLOSE), tg(1, NaN, NaN, 0, NaN));
  const units = 10_000 / 10.5;
  assert.deepEqual([...r.positions], [0, units, units, units, 0]);
  close(r.equity[0], 10_000);
  close(r.equity[1], units * 11);
  close(r.equity[2], units * 12);
  close(r.equity[4], units * 11);
  assert.deepEqual([...r.trades.entryIndex], [1]);
  assert.deepEqual([...r.trades.exitIndex], [4]);
  assert.deepEqual([...r.trades.entryPrice], [10.5]);
  assert.deepEqual([...r.trades.exitPrice], [11]);
  close(r.trades.returnPct[0], (11 / 10.5 - 1) * 100);
  assert.deepEqual(r.trades.exitReason, ["signal"]);
  assert.equal(r.trades.durationBars[0], 3);
  assert.ok(Number.isNaN(r.returns[0]));
  close(r.returns[2], 12 / 11 - 1);
  close(r.stats.totalReturnPct, (11 / 10.5 - 1) * 100);
});

Deno.test("backtest fill: 'close' trades at the decision bar's close", () => {
  const r = backtest(mkBars(OPEN, CLOSE), tg(1, NaN, NaN, 0, NaN), { fill: "close" });
  assert.deepEqual([...r.trades.entryIndex], [0]);
  assert.deepEqual([...r.trades.exitIndex], [3]);
  assert.deepEqual([...r.positions], [1000, 1000, 1000, 0, 0]);
  close(r.equity[4], 11_000);
});

Deno.test("backtest whole units round toward zero and keep the rest in cash", () => {
  const r = backtest(mkBars([30, 30, 31], [30, 31, 32]), tg(1, NaN, NaN), {
    units: "whole",
    initialCash: 1000,
    closeAtEnd: false,
  });
  assert.deepEqual([...r.positions], [0, 33, 33]);
  assert.deepEqual([...r.cash], [1000, 10, 10]);
  close(r.equity[2], 10 + 33 * 32);
  assert.equal(r.trades.pnl.length, 0);
});

Deno.test("backtest commission as a rate is budgeted and shows per trade", () => {
  const r = backtest(mkBars(OPEN, CLOSE), tg(1, NaN, NaN, 0, NaN), { commission: 0.01 });
  const units = 10_000 / (10.5 * 1.01);
  close(r.positions[1], units);
  close(r.cash[1], 0);
  const fees = 0.01 * units * 10.5 + 0.01 * units * 11;
  close(r.trades.fees[0], fees);
  close(r.trades.pnl[0], units * 0.5 - fees);
  close(r.equity[4], units * 11 * 0.99);
  close(r.stats.totalFees, fees);
});

Deno.test("backtest commission as fixed + rate", () => {
  const r = backtest(mkBars(OPEN, CLOSE), tg(1, NaN, NaN, 0, NaN), {
    commission: { fixed: 5, rate: 0.001 },
  });
  const units = (10_000 - 5) / (10.5 * 1.001);
  close(r.positions[1], units);
  close(r.cash[1], 0);
  close(r.trades.fees[0], 5 + 0.001 * units * 10.5 + 5 + 0.001 * units * 11);
  close(r.stats.totalFees, r.trades.fees[0]);
  close(r.trades.pnl[0], units * 0.5 - r.trades.fees[0]);
});

Deno.test("backtest commission as a function of size and price", () => {
  const perUnit = (size: number) => Math.abs(size) * 0.02;
  const r = backtest(mkBars(OPEN, CLOSE), tg(1, NaN, NaN, 0, NaN), { commission: perUnit });
  const units = (10_000 - (10_000 / 10.5) * 0.02) / 10.5;
  close(r.positions[1], units);
  assert.ok(r.cash[1] >= 0);
  close(r.trades.fees[0], 2 * units * 0.02);
  close(r.stats.totalFees, 2 * units * 0.02);
  close(r.stats.endValue, 10_000 + r.trades.pnl[0]);
});

Deno.test("backtest slippage in bps and half-spread move both fills against you", () => {
  const r = backtest(mkBars(OPEN, CLOSE), tg(1, NaN, NaN, 0, NaN), {
    slippageBps: 10,
    halfSpread: 0.05,
  });
  const entry = 10.5 * 1.001 + 0.05;
  const exit = 11 * 0.999 - 0.05;
  const units = 10_000 / entry;
  close(r.trades.entryPrice[0], entry);
  close(r.trades.exitPrice[0], exit);
  close(r.trades.slippage[0], units * (entry - 10.5) + units * (11 - exit));
  close(r.trades.pnl[0], units * (exit - entry));
  close(r.stats.totalSlippage, r.trades.slippage[0]);
});

Deno.test("backtest shorts profit when the price falls", () => {
  const r = backtest(mkBars([10, 10, 9, 8], [10, 10, 9, 8]), tg(-1, NaN, NaN, NaN));
  assert.deepEqual([...r.positions.slice(0, 3)], [0, -1000, -1000]);
  close(r.equity[2], 10_000 + 1000);
  close(r.trades.pnl[0], 2000);
  assert.deepEqual(r.trades.exitReason, ["end"]);
  close(r.stats.endValue, 12_000);
});

Deno.test("backtest flip closes first, then sizes the new side from the equity left", () => {
  const r = backtest(mkBars([10, 10, 12, 12], [10, 12, 12, 12]), tg(1, -1, NaN, NaN));
  assert.deepEqual([...r.trades.entryIndex], [1, 2]);
  assert.deepEqual([...r.trades.exitIndex], [2, 3]);
  assert.deepEqual([...r.trades.size], [1000, -1000]); // 12,000 equity / 12
  assert.deepEqual(r.trades.exitReason, ["signal", "end"]);
});

Deno.test("backtest partial targets add and reduce FIFO lots", () => {
  const r = backtest(
    mkBars([10, 10, 10, 10, 10], [10, 10, 10, 10, 10]),
    tg(0.5, 1, 0.25, NaN, NaN),
  );
  assert.deepEqual([...r.positions], [0, 500, 1000, 250, 0]); // closed at the end
  // Reduce 1000 -> 250 closes the first lot (500) and 250 of the second.
  assert.deepEqual([...r.trades.size], [500, 250, 250]);
  assert.deepEqual([...r.trades.entryIndex], [1, 2, 2]);
  assert.deepEqual([...r.trades.exitIndex], [3, 3, 4]);
});

Deno.test("backtest closeAtEnd: false leaves the position open and marked", () => {
  const r = backtest(mkBars(OPEN, CLOSE), tg(1, NaN, NaN, NaN, NaN), { closeAtEnd: false });
  assert.equal(r.trades.pnl.length, 0);
  const units = 10_000 / 10.5;
  close(r.positions[4], units);
  close(r.equity[4], units * 13);
  const ended = backtest(mkBars(OPEN, CLOSE), tg(1, NaN, NaN, NaN, NaN));
  assert.deepEqual(ended.trades.exitReason, ["end"]);
  assert.deepEqual([...ended.trades.exitPrice], [13]);
  assert.equal(ended.positions[4], 0);
});

Deno.test("backtest stop-loss fills at the stop, or at the open on a gap", () => {
  const o = [100, 100, 99, 99];
  const c = [100, 100, 96, 96];
  const hit = backtest(mkBars(o, c, [100, 101, 99, 99], [100, 99, 94, 95]), tg(1, NaN, NaN, NaN), {
    stopLossPct: 5,
  });
  assert.deepEqual([...hit.trades.exitPrice], [95]);
  assert.deepEqual([...hit.trades.exitIndex], [2]);
  assert.deepEqual(hit.trades.exitReason, ["stopLoss"]);
  assert.equal(hit.positions[3], 0); // stays flat: the target has not changed
  const gap = backtest(
    mkBars([100, 100, 90, 90], [100, 100, 91, 91], undefined, [100, 99, 89, 89]),
    tg(1, NaN, NaN, NaN),
    {
      stopLossPct: 5,
    },
  );
  assert.deepEqual([...gap.trades.exitPrice], [90]);
});

Deno.test("backtest take-profit, and the adverse stop first when both trigger", () => {
  const tp = backtest(
    mkBars([100, 100, 105, 105], [100, 104, 108, 108], [100, 104, 111, 108], undefined),
    tg(1, NaN, NaN, NaN),
    {
      takeProfitPct: 10,
      stopLossPct: 5,
    },
  );
  close(tp.trades.exitPrice[0], 110);
  assert.deepEqual(tp.trades.exitReason, ["takeProfit"]);
  const both = backtest(
    mkBars([100, 100, 100, 100], [100, 100, 100, 100], [100, 100, 111, 100], [100, 100, 94, 100]),
    tg(1, NaN, NaN, NaN),
    {
      takeProfitPct: 10,
      stopLossPct: 5,
    },
  );
  assert.deepEqual([...both.trades.exitPrice], [95]);
  assert.deepEqual(both.trades.exitReason, ["stopLoss"]);
});

Deno.test("backtest trailing stop follows the best high of completed bars", () => {
  const r = backtest(
    mkBars([100, 100, 115, 118], [100, 110, 118, 110], [100, 110, 120, 119], [100, 100, 115, 107]),
    tg(1, NaN, NaN, NaN),
    { trailingStopPct: 10 },
  );
  // Peak after bar 2 = 120, trail = 108; bar 3 low 107 hits it.
  assert.deepEqual([...r.trades.exitPrice], [108]);
  assert.deepEqual(r.trades.exitReason, ["trailingStop"]);
});

Deno.test("backtest short stop-loss triggers on the high", () => {
  const r = backtest(
    mkBars([100, 100, 101, 101], [100, 100, 101, 101], [100, 100, 106, 101], undefined),
    tg(-1, NaN, NaN, NaN),
    {
      stopLossPct: 5,
    },
  );
  assert.deepEqual([...r.trades.exitPrice], [105]);
  close(r.trades.pnl[0], -100 * 5);
});

Deno.test("backtest invariants: equity = cash + marked position; trades only on target changes", () => {
  let s = 7;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const n = 400;
  const c: number[] = [];
  const o: number[] = [];
  let p = 100;
  for (let i = 0; i < n; i++) {
    o.push(p * (1 + (rnd() - 0.5) * 0.01));
    p *= 1 + (rnd() - 0.5) * 0.04;
    c.push(p);
  }
  const choices = [-1, -0.5, 0, 0.5, 1, NaN, NaN, NaN, NaN];
  const targets = Float64Array.from(
    { length: n },
    () => choices[Math.floor(rnd() * choices.length)],
  );
  const bars = mkBars(o, c);
  const r = backtest(bars, targets, { commission: 0.001, slippageBps: 3, closeAtEnd: false });
  for (let i = 0; i < n; i++) {
    close(r.equity[i], r.cash[i] + r.positions[i] * c[i], 1e-9);
  }
  let last = NaN;
  const changed = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (targets[i] === targets[i] && targets[i] !== last) {
      changed.add(i + 1);
      last = targets[i];
    }
  }
  for (let k = 0; k < r.trades.pnl.length; k++) {
    assert.ok(changed.has(r.trades.entryIndex[k]), `entry at ${r.trades.entryIndex[k]}`);
    assert.ok(changed.has(r.trades.exitIndex[k]), `exit at ${r.trades.exitIndex[k]}`);
  }
  for (let i = 1; i < n; i++) {
    if (r.positions[i] !== r.positions[i - 1]) assert.ok(changed.has(i), `position moved at ${i}`);
  }
});

Deno.test("backtest errors name the index and the fix", () => {
  const bars = mkBars(OPEN, CLOSE);
  assert.throws(() => backtest(bars, tg(1, NaN)), /targets has length 2 but the bars have 5/);
  const unsorted = { ...bars, timestamp: Float64Array.from([0, 2, 1, 3, 4]) };
  assert.throws(() => backtest(unsorted, tg(1, 0, 0, 0, 0)), /timestamp\[2\]=1 is not after/);
  const shortCol = { ...bars, high: new Float64Array(3) };
  assert.throws(() => backtest(shortCol, tg(1, 0, 0, 0, 0)), /bars.high has length 3/);
  const nanOpen = mkBars([10, NaN, 11, 12, 11], CLOSE);
  assert.throws(() => backtest(nanOpen, tg(1, NaN, NaN, NaN, NaN)), /bars.open\[1\]=NaN/);
  const nanClose = mkBars(OPEN, [10, 11, NaN, 11, 13]);
  assert.throws(() => backtest(nanClose, tg(1, NaN, NaN, NaN, NaN)), /bars.close\[2\]=NaN/);
  // A NaN close outside the traded range is fine.
  assert.doesNotThrow(() => backtest(mkBars(OPEN, [10, 11, 12, 11, NaN]), tg(1, NaN, 0, NaN, NaN)));
  assert.throws(
    () => backtest(bars, tg(1.5, NaN, NaN, NaN, NaN)),
    /targets\[0\]=1.5 exceeds the leverage 1/,
  );
  assert.doesNotThrow(() => backtest(bars, tg(1.5, NaN, NaN, NaN, NaN), { leverage: 2 }));
  assert.throws(
    () => backtest(bars, tg(1, NaN, NaN, NaN, NaN), { size: 2000 }),
    /cash went negative .* at bar 1 .* leverage/,
  );
  assert.throws(() => backtest(bars, tg(1, 0, 0, 0, 0), { commission: 0.5 }), /commission rate/);
  assert.throws(() => backtest(bars, tg(1, 0, 0, 0, 0), { stopLossPct: -1 }), /stopLossPct/);
});

// backtesting.py's own cost tests (test_spread_commission, test_commissions) on GOOG[:20].
const GOOG20 = {
  open: [100, 101.01, 110.75, 111.24, 104.96, 102.96, 106.93, 105.7, 104.8, 102.96],
  close: [100.34, 108.31, 109.4, 104.87, 106, 107.91, 106.15, 102.01, 105.33, 102.37],
};

Deno.test("backtesting.py conventions: spread and commission equity (test_spread_commission)", () => {
  const bars = mkBars(GOOG20.open, GOOG20.close);
  const targets = tg(NaN, 1, 0, NaN, NaN, NaN, NaN, NaN, NaN, NaN);
  const eq = (opts: Parameters<typeof backtest>[2]) => {
    const r = backtest(bars, targets, { conventions: "backtesting.py", ...opts });
    return [...r.equity.slice(2, 4)].map((v) => Math.round(v * 100) / 100);
  };
  const spread = backtest(bars, targets, {
    conventions: "backtesting.py",
    slippageBps: 100,
    commission: 0.01,
  });
  close(spread.trades.entryPrice[0], 110.75 * 1.01);
  assert.deepEqual(eq({ slippageBps: 100, commission: 0.01 }), [9685.31, 9749.33]);
  assert.deepEqual(eq({ commission: { fixed: 100, rate: 0.01 } }), [9784.5, 9718.69]);
  assert.deepEqual(eq({ commission: (size, price) => size * price * 0.01 }), [9781.28, 9846.04]);
});

Deno.test("backtesting.py conventions: fixed + relative commission paid twice (test_commissions)", () => {
  const arr = [1, 1, 1, 2, 4, 1, 2];
  const bars = mkBars(arr, arr, arr, arr);
  const r = backtest(bars, tg(NaN, 1, NaN, NaN, NaN, NaN, NaN), {
    conventions: "backtesting.py",
    initialCash: 5000,
    size: 100,
    takeProfitPct: 200,
    commission: { fixed: 10, rate: 0.01 },
  });
  const paid = 10 + 0.01 * 100 * 1 + 10 + 0.01 * 100 * 4;
  close(r.stats.totalFees, paid);
  close(r.trades.fees[0], paid);
  close(r.stats.endValue, 5000 + (4 - 1) * 100 - paid);
});

Deno.test("backtest leverage lets |target| exceed 1 and borrows cash", () => {
  const r = backtest(mkBars([10, 10, 11], [10, 10, 11]), tg(2, NaN, NaN), {
    leverage: 2,
    closeAtEnd: false,
  });
  assert.deepEqual([...r.positions], [0, 2000, 2000]);
  assert.deepEqual([...r.cash], [10_000, -10_000, -10_000]);
  close(r.equity[2], 12_000);
});

Deno.test("backtest fill: 'close' ignores the last bar's decision", () => {
  const r = backtest(mkBars(OPEN, CLOSE), tg(NaN, NaN, NaN, NaN, 1), { fill: "close" });
  assert.equal(r.trades.pnl.length, 0);
  assert.ok(r.positions.every((v) => v === 0));
});

Deno.test("backtest rejects unknown option values", () => {
  const bars = mkBars(OPEN, CLOSE);
  const t = tg(1, NaN, NaN, NaN, NaN);
  // deno-lint-ignore no-explicit-any
  const bad = (o: any) => () => backtest(bars, t, o);
  assert.throws(bad({ units: "lots" }), /units must be "fractional" or "whole"/);
  assert.throws(
    bad({ conventions: "zipline" }),
    /conventions must be "default" or "backtesting.py"/,
  );
  assert.throws(bad({ fill: "vwap" }), /fill must be "open" or "close"/);
  assert.throws(bad({ initialCash: 0 }), /initialCash must be a finite amount > 0/);
  assert.throws(
    () => backtest(bars, [1, 2, 3] as unknown as Float64Array),
    /targets must be a Float64Array/,
  );
});

Deno.test("Python float floor division, as backtesting.py sizes orders", () => {
  assert.equal(pyFloorDiv(1, 0.1), 9); // Python: 1 // 0.1 == 9.0, while 1 / 0.1 == 10
  assert.equal(pyFloorDiv(0.3, 0.1), 2);
  assert.equal(pyFloorDiv(10_000, 110.75), 90);
  assert.equal(pyFloorDiv(-7, 2), -4);
  assert.equal(pyFloorDiv(0, 3), 0);
});

Deno.test("backtest checks high/low where stops are evaluated, and empty bars", () => {
  const bad = mkBars([10, 10, 10], [10, 10, 10], [10, 9, 10], [10, 9.5, 10]);
  assert.throws(
    () => backtest(bad, tg(1, NaN, NaN), { stopLossPct: 5 }),
    /bars.high\[1\]=9 is below bars.low\[1\]=9.5/,
  );
  assert.doesNotThrow(() => backtest(bad, tg(1, NaN, NaN))); // no stops: high/low unused
  assert.throws(() => backtest(mkBars([], []), new Float64Array(0)), /bars are empty/);
});

Deno.test("tradeRows turns the ledger into one object per trade", () => {
  const r = backtest(mkBars(OPEN, CLOSE), tg(1, NaN, NaN, 0, NaN), { commission: 0.001 });
  const rows = tradeRows(r.trades);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].entryTime, "2024-01-02T00:00:00.000Z");
  assert.equal(rows[0].exitTime, "2024-01-05T00:00:00.000Z");
  assert.equal(rows[0].pnl, r.trades.pnl[0]);
  assert.equal(rows[0].exitReason, "signal");
});

Deno.test("backtest take-profit on a gap fills at the (better) open", () => {
  const r = backtest(
    mkBars([100, 100, 100, 115], [100, 100, 104, 116], [100, 100, 105, 117], undefined),
    tg(1, NaN, NaN, NaN),
    { takeProfitPct: 10 },
  );
  assert.deepEqual([...r.trades.exitPrice], [115]);
  assert.deepEqual(r.trades.exitReason, ["takeProfit"]);
  assert.deepEqual([...r.trades.exitIndex], [3]);
});

Deno.test("backtest short trailing stop follows the lowest low", () => {
  const r = backtest(
    mkBars([100, 100, 90, 85], [100, 92, 86, 90], [100, 100, 91, 93], [100, 91, 80, 84]),
    tg(-1, NaN, NaN, NaN),
    { trailingStopPct: 10 },
  );
  // Lows since entry: 91 then 80, so the stop falls to 88; bar 3's high 93 hits it.
  close(r.trades.exitPrice[0], 88);
  assert.deepEqual(r.trades.exitReason, ["trailingStop"]);
});

Deno.test("backtest opens nothing once equity is exhausted", () => {
  // Short 1000 units at 10, the price triples: equity -10,000; the next long target is ignored.
  const r = backtest(mkBars([10, 10, 30, 30, 30], [10, 10, 30, 30, 30]), tg(-1, NaN, 0, 1, NaN));
  assert.deepEqual([...r.trades.size], [-1000]);
  close(r.equity[4], -10_000);
  assert.ok(r.positions.slice(3).every((v) => v === 0));
});

Deno.test("backtest leading NaN targets are the warm-up: flat until the first target", () => {
  const r = backtest(mkBars(OPEN, CLOSE), tg(NaN, NaN, 1, NaN, NaN), { closeAtEnd: false });
  assert.deepEqual([...r.positions.slice(0, 3)], [0, 0, 0]);
  close(r.positions[3], 10_000 / 12); // decided at bar 2's close, filled at bar 3's open
  const none = backtest(mkBars(OPEN, CLOSE), tg(NaN, NaN, NaN, NaN, NaN));
  assert.equal(none.stats.numTrades, 0);
  assert.ok(none.equity.every((v) => v === 10_000));
});
