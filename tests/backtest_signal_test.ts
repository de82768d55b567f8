import assert from "node:assert/strict";
import {
  crossSectionalIc,
  eventStudy,
  forwardReturns,
  informationCoefficient,
  informationCoefficientByHorizon,
  quantileReturns,
  rollingInformationCoefficient,
} from "../lib/backtest/mod.ts";

const DAY = 86_400e6;

function rng(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

const near = (a: number, b: number, eps = 1e-12) =>
  assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

Deno.test("forwardReturns at several horizons, NaN past the end", () => {
  const fwd = forwardReturns(new Float64Array([100, 110, 121, NaN]), [1, 2]);
  near(fwd[1][0], 0.1);
  near(fwd[1][1], 0.1);
  assert.ok(Number.isNaN(fwd[1][2]) && Number.isNaN(fwd[1][3]));
  near(fwd[2][0], 0.21);
  assert.ok(Number.isNaN(fwd[2][2]));
  assert.throws(() => forwardReturns(new Float64Array(3), [0]), /horizons must be integers >= 1/);
});

Deno.test("informationCoefficient is Spearman with average ranks for ties", () => {
  near(
    informationCoefficient(
      new Float64Array([1, 2, 3, 4]),
      new Float64Array([0.01, 0.03, 0.02, 0.05]),
    ),
    0.8,
  );
  near(informationCoefficient(new Float64Array([1, 2, 3]), new Float64Array([3, 2, 1])), -1);
  // Ties: ranks [1.5, 1.5, 3] vs [1, 2, 3] -> Pearson of the ranks.
  near(
    informationCoefficient(new Float64Array([1, 1, 2]), new Float64Array([1, 2, 3])),
    0.8660254037844387,
  );
  assert.ok(Number.isNaN(informationCoefficient(new Float64Array([1, NaN]), new Float64Array(2))));
  assert.throws(
    () => informationCoefficient(new Float64Array(3), new Float64Array(2)),
    /signal has length 3 but forward has length 2/,
  );
});

Deno.test("rollingInformationCoefficient only uses forward returns already realized", () => {
  const rnd = rng(3);
  const n = 120;
  const close = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) close[i] = p *= 1 + (rnd() - 0.5) * 0.02;
  const signal = Float64Array.from(close, () => rnd());
  const h = 5;
  const fwd = forwardReturns(close, [h])[h];
  const ic = rollingInformationCoefficient(signal, fwd, 20, h);
  assert.ok(Number.isNaN(ic[h + 18]));
  assert.ok(Number.isFinite(ic[h + 19]));
  near(ic[60], informationCoefficient(signal.slice(36, 56), fwd.slice(36, 56)));
  // Changing the forward return decided at bar j (known at bar j + h) leaves earlier IC alone.
  const j = 70;
  const changed = fwd.slice();
  changed[j] = 5;
  const ic2 = rollingInformationCoefficient(signal, changed, 20, h);
  for (let i = 0; i < j + h; i++) assert.ok(Object.is(ic[i], ic2[i]), `bar ${i}`);
  assert.notEqual(ic2[j + h], ic[j + h]);
});

Deno.test("crossSectionalIc ranks assets against each other at each bar", () => {
  const signals = [[1, 2, 1], [2, 1, 2], [3, 3, 3]].map((s) => Float64Array.from(s));
  const forward = [[0.1, 0.2, 0.3], [0.2, 0.1, 0.2], [0.3, 0.3, 0.1]].map((s) =>
    Float64Array.from(s)
  );
  const ic = crossSectionalIc(signals, forward);
  near(ic[0], 1);
  near(ic[1], 1);
  near(ic[2], -1);
  assert.throws(() => crossSectionalIc(signals, forward.slice(0, 2)), /same non-empty set/);
});

Deno.test("quantileReturns for one asset uses expanding ranks (no look-ahead)", () => {
  const rnd = rng(9);
  const n = 2000;
  const signal = Float64Array.from({ length: n }, () => rnd() - 0.5);
  const forward = Float64Array.from(signal, (s) => s * 0.01 + (rnd() - 0.5) * 0.002);
  const q = quantileReturns(signal, forward, { quantiles: 5 });
  assert.deepEqual([...q.quantile], [1, 2, 3, 4, 5]);
  for (let k = 1; k < 5; k++) assert.ok(q.meanReturn[k] > q.meanReturn[k - 1]);
  assert.equal(q.count.reduce((a, b) => a + b), n - 19); // minHistory = 20
  // Future signal values cannot move past buckets.
  const m = 1000;
  const cut = forward.slice();
  cut.fill(NaN, m);
  const future = signal.slice();
  for (let i = m; i < n; i++) future[i] = rnd() * 100;
  assert.deepEqual(quantileReturns(signal, cut), quantileReturns(future, cut));
});

Deno.test("quantileReturns for a panel ranks assets per bar", () => {
  const assets = 10;
  const n = 50;
  const signals = Array.from({ length: assets }, (_, k) => new Float64Array(n).fill(k));
  const forward = Array.from({ length: assets }, (_, k) => new Float64Array(n).fill(k / 100));
  const q = quantileReturns(signals, forward, { quantiles: 5 });
  assert.deepEqual([...q.count], [100, 100, 100, 100, 100]);
  near(q.meanReturn[0], 0.005);
  near(q.meanReturn[4], 0.085);
});

Deno.test("eventStudy anchors events at the first bar allowed to see them", () => {
  const times = Float64Array.from({ length: 10 }, (_, i) => i * DAY);
  const close = new Float64Array([10, 10, 10, 10, 11, 12, 12, 12, 12, 12]);
  const r = eventStudy(times, close, new Float64Array([3.5 * DAY, 8 * DAY, 20 * DAY]), {
    window: 2,
  });
  assert.deepEqual([...r.eventBar], [4, 8, -1]);
  assert.deepEqual([...r.offsets], [-2, -1, 0, 1, 2]);
  assert.deepEqual([...r.count], [2, 2, 2, 2, 1]);
  near(r.meanCumReturn[0], (10 / 11 - 1 + 0) / 2);
  near(r.meanCumReturn[3], (12 / 11 - 1 + 0) / 2);
  near(r.meanReturn[2], (0.1 + 0) / 2);
  // A latency of half a day moves the event at 3.5 days to bar 4 still, at 8 days to bar 9.
  const late = eventStudy(times, close, new Float64Array([3.5 * DAY, 8 * DAY]), {
    window: 1,
    latencyUs: DAY / 2,
  });
  assert.deepEqual([...late.eventBar], [4, 9]);
  assert.throws(() => eventStudy(times, close.slice(1), new Float64Array(0)), /one time per bar/);
});

Deno.test("informationCoefficientByHorizon: one IC and pair count per horizon", () => {
  const rnd = rng(9);
  const n = 200;
  const close = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) close[i] = p *= 1 + (rnd() - 0.5) * 0.02;
  // A perfect one-bar oracle (it looks ahead on purpose): IC 1 at h = 1, weaker further out.
  const oracle = Float64Array.from(close, (c, i) => (i + 1 < n ? close[i + 1] / c - 1 : NaN));
  oracle[0] = NaN;
  const r = informationCoefficientByHorizon(oracle, close, [1, 3, 10]);
  assert.deepEqual([...r.horizon], [1, 3, 10]);
  near(r.ic[0], 1);
  assert.ok(r.ic[1] < 0.9 && r.ic[2] < r.ic[1] + 0.2);
  assert.deepEqual([...r.count], [n - 2, n - 4, n - 11]);
  for (const [k, h] of [1, 3, 10].entries()) {
    near(r.ic[k], informationCoefficient(oracle, forwardReturns(close, [h])[h]));
  }
  assert.throws(
    () => informationCoefficientByHorizon(new Float64Array(3), new Float64Array(4), [1]),
    /signal has length 3 but close has length 4/,
  );
});
