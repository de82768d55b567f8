import assert from "node:assert/strict";
import { backtest, eventTargets } from "../lib/backtest/mod.ts";
import type { Bars } from "../lib/series/mod.ts";

const HOUR = 3600e6;
const LATENCY = 1.5 * HOUR;

function rng(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

function hourlyBars(n: number, rnd: () => number): Bars {
  const t0 = Date.UTC(2024, 5, 3) * 1000;
  const close = new Float64Array(n);
  const open = new Float64Array(n);
  let p = 30_000;
  for (let i = 0; i < n; i++) {
    open[i] = p;
    p *= 1 + (rnd() - 0.5) * 0.01;
    close[i] = p;
  }
  return {
    timestamp: Float64Array.from({ length: n }, (_, i) => t0 + i * HOUR),
    open,
    high: Float64Array.from(open, (o, i) => Math.max(o, close[i])),
    low: Float64Array.from(open, (o, i) => Math.min(o, close[i])),
    close,
    volume: new Float64Array(n),
  };
}

/** Time-stamped scores at arbitrary microseconds, like LLM sentiment on news items. */
function newsScores(bars: Bars, count: number, rnd: () => number) {
  const t0 = bars.timestamp[0];
  const span = bars.timestamp[bars.timestamp.length - 1] - t0;
  const times = Float64Array.from({ length: count }, () => Math.floor(t0 + rnd() * span))
    .sort();
  const scores = Float64Array.from(times, () => Math.round((rnd() * 2 - 1) * 100) / 100);
  return { times, scores };
}

Deno.test("eventTargets follows the as-of join: threshold, side and max age", () => {
  const bars = new Float64Array([0, 10, 20, 30, 40]);
  const ev = new Float64Array([5, 18]);
  const sc = new Float64Array([0.9, -0.8]);
  assert.deepEqual([...eventTargets(bars, ev, sc, { latencyUs: 3 })], [NaN, 1, 1, -1, -1]);
  assert.deepEqual(
    [...eventTargets(bars, ev, sc, { latencyUs: 3, side: "longOnly" })],
    [NaN, 1, 1, 0, 0],
  );
  assert.deepEqual(
    [...eventTargets(bars, ev, new Float64Array([0.2, -0.8]), { threshold: 0.5 })],
    [NaN, 0, -1, -1, -1],
  );
  assert.deepEqual([...eventTargets(bars, ev, sc, { maxAgeUs: 15 })], [NaN, 1, -1, -1, 0]);
  assert.throws(() => eventTargets(bars, ev, new Float64Array(1)), /one score per event/);
});

Deno.test("an event at time t never affects a fill before t + latency", () => {
  const rnd = rng(21);
  const bars = hourlyBars(600, rnd);
  const { times, scores } = newsScores(bars, 80, rnd);
  const targets = eventTargets(bars.timestamp, times, scores, {
    latencyUs: LATENCY,
    threshold: 0.2,
  });
  const base = backtest(bars, targets, { commission: 0.0005 });
  assert.ok(base.stats.numTrades > 10);
  // Every fill happens after the latest event it could have seen, plus the latency.
  for (let k = 0; k < base.trades.entryIndex.length; k++) {
    const decision = base.trades.entryIndex[k] - 1;
    const cutoff = bars.timestamp[decision] - LATENCY;
    let seen = -1;
    for (let e = 0; e < times.length; e++) if (times[e] <= cutoff) seen = e;
    assert.ok(seen >= 0);
    assert.ok(base.trades.entryTime[k] >= times[seen] + LATENCY);
  }
  // Flipping one event's score changes nothing before t + latency.
  for (let e = 0; e < times.length; e += 7) {
    const flipped = scores.slice();
    flipped[e] = -flipped[e] || 0.9;
    const t2 = eventTargets(bars.timestamp, times, flipped, { latencyUs: LATENCY, threshold: 0.2 });
    const r = backtest(bars, t2, { commission: 0.0005 });
    for (let i = 0; i < bars.close.length; i++) {
      if (bars.timestamp[i] >= times[e] + LATENCY) break;
      assert.equal(r.positions[i], base.positions[i], `event ${e} moved bar ${i}`);
      assert.equal(r.equity[i], base.equity[i]);
    }
    // The first bar that may differ trades at the open after a bar that saw the event.
    const first = r.positions.findIndex((v, i) => v !== base.positions[i]);
    if (first >= 0) assert.ok(bars.timestamp[first - 1] >= times[e] + LATENCY);
  }
});

Deno.test("without the latency the same events would trade earlier", () => {
  const rnd = rng(5);
  const bars = hourlyBars(300, rnd);
  const { times, scores } = newsScores(bars, 30, rnd);
  const firstFill = (latencyUs: number) => {
    const r = backtest(
      bars,
      eventTargets(bars.timestamp, times, scores, { latencyUs, threshold: 0.1 }),
    );
    return r.trades.entryTime[0];
  };
  assert.ok(firstFill(0) < firstFill(3 * HOUR));
});
