import assert from "node:assert/strict";
import {
  asOf,
  asOfValues,
  crossover,
  crossSectionalZscore,
  crossunder,
  cumsum,
  diff,
  expandingMax,
  expandingMean,
  expandingMin,
  expandingQuantile,
  expandingRank,
  expandingStd,
  expandingSum,
  expandingVar,
  logReturns,
  microsToIso,
  parseDateToMicros,
  pctChange,
  readCsv,
  rollingMax,
  rollingMean,
  rollingMin,
  rollingQuantile,
  rollingRank,
  rollingStd,
  rollingSum,
  rollingVar,
  rollingZscore,
  shift,
  toBars,
  toMicros,
} from "../lib/series/mod.ts";

const f = (a: number[]): Float64Array => Float64Array.from(a);

/** Asserts two series are equal elementwise at a relative tolerance, NaN positions included. */
function close(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-12): void {
  assert.equal(actual.length, expected.length, "length");
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i], e = expected[i];
    if (Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `index ${i}: expected NaN, got ${a}`);
      continue;
    }
    assert.ok(Math.abs(a - e) <= rel * Math.max(1, Math.abs(e)), `index ${i}: ${a} != ${e}`);
  }
}

/** Brute-force reference: applies `fn` to the non-NaN values of each trailing window. */
function brute(
  x: Float64Array,
  w: number,
  minP: number,
  fn: (vals: number[], last: number) => number,
): Float64Array {
  return Float64Array.from(x, (_, i) => {
    const vals = Array.from(x.subarray(Math.max(0, i - w + 1), i + 1)).filter((v) => v === v);
    return vals.length >= minP ? fn(vals, x[i]) : NaN;
  });
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const sampleVar = (v: number[]): number => {
  if (v.length < 2) return NaN;
  const m = mean(v);
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
};
const pctRank = (v: number[], last: number): number =>
  last !== last
    ? NaN
    : (v.filter((u) => u < last).length + (v.filter((u) => u === last).length + 1) / 2) /
      v.length;
const quantile = (q: number) => (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  return lo === pos ? s[lo] : s[lo] + (s[lo + 1] - s[lo]) * (pos - lo);
};

function randomWalk(n: number, seed = 7, nanEvery = 0): Float64Array {
  let s = seed;
  const x = new Float64Array(n);
  let level = 100;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    level += (s / 2147483647 - 0.5) * 2;
    x[i] = nanEvery && i % nanEvery === nanEvery - 1 ? NaN : Math.round(level * 4) / 4;
  }
  return x;
}

Deno.test("rolling ops: hand-computed values", () => {
  close(rollingSum(f([1, 2, 3, 4]), 2), [NaN, 3, 5, 7]);
  close(rollingMean(f([1, 2, 3, 4]), 2), [NaN, 1.5, 2.5, 3.5]);
  close(rollingVar(f([1, 2, 4]), 2), [NaN, 0.5, 2]);
  close(rollingStd(f([1, 2, 4]), 2), [NaN, Math.SQRT1_2, Math.SQRT2]);
  close(rollingZscore(f([1, 2, 3, 10]), 3), [NaN, NaN, 1, 5 / Math.sqrt(19)]);
  close(rollingMin(f([3, 1, 2, 5]), 2), [NaN, 1, 1, 2]);
  close(rollingMax(f([3, 1, 2, 5]), 2), [NaN, 3, 2, 5]);
  close(rollingRank(f([1, 3, 2, 2]), 3), [NaN, NaN, 2 / 3, 0.5]);
  close(rollingQuantile(f([1, 2, 3, 4]), 3, 0.5), [NaN, NaN, 2, 3]);
  close(rollingQuantile(f([1, 2, 3, 4]), 4, 0.25), [NaN, NaN, NaN, 1.75]);
});

Deno.test("rolling ops match a brute-force reference, with and without NaNs", () => {
  for (const x of [randomWalk(600, 11, 37), randomWalk(1500, 5)]) {
    for (const w of [1, 2, 5, 50, 300]) {
      for (const minP of [w, Math.max(1, Math.floor(w / 2))]) {
        const o = { minPeriods: minP };
        close(rollingSum(x, w, o), brute(x, w, minP, (v) => v.reduce((a, b) => a + b, 0)), 1e-9);
        close(rollingMean(x, w, o), brute(x, w, minP, mean), 1e-9);
        close(rollingVar(x, w, o), brute(x, w, Math.max(minP, 2), sampleVar), 1e-9);
        close(rollingMin(x, w, o), brute(x, w, minP, (v) => Math.min(...v)));
        close(rollingMax(x, w, o), brute(x, w, minP, (v) => Math.max(...v)));
        close(rollingRank(x, w, o), brute(x, w, minP, pctRank));
        close(rollingQuantile(x, w, 0.3, o), brute(x, w, minP, quantile(0.3)), 1e-12);
        const z = brute(x, w, Math.max(minP, 2), (v, last) => {
          const sd = Math.sqrt(sampleVar(v));
          return sd > 0 ? (last - mean(v)) / sd : NaN;
        });
        close(rollingZscore(x, w, o), z, 1e-9);
      }
    }
  }
});

Deno.test("rolling ops over windows long enough to trigger exact recomputation", () => {
  const x = randomWalk(5000, 3);
  close(rollingStd(x, 100), brute(x, 100, 100, (v) => Math.sqrt(sampleVar(v))), 1e-9);
  close(rollingMean(x, 100), brute(x, 100, 100, mean), 1e-12);
});

Deno.test("rolling std is stable around 1e9 with variance 1e-6", () => {
  const n = 20000, w = 50;
  const x = new Float64Array(n);
  let s = 1;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    x[i] = 1e9 + (s / 2147483647 - 0.5) * Math.sqrt(12e-6);
  }
  const got = rollingStd(x, w);
  // Exact reference: shift by a nearby value (x - K is exact), then two passes.
  for (const i of [w - 1, 1000, 7777, n - 1]) {
    const K = x[i];
    const ys = Array.from(x.subarray(i - w + 1, i + 1), (v) => v - K);
    const expected = Math.sqrt(sampleVar(ys));
    assert.ok(Math.abs(got[i] - expected) / expected < 1e-9, `i=${i}: ${got[i]} vs ${expected}`);
  }
  // The naive sum-of-squares formula is far off here, which is why the kernel shifts.
  const win = x.subarray(n - w);
  const s1 = win.reduce((a, b) => a + b, 0), s2 = win.reduce((a, b) => a + b * b, 0);
  const naive = Math.sqrt(Math.max(0, (s2 - (s1 * s1) / w) / (w - 1)));
  assert.ok(Math.abs(naive - got[n - 1]) / got[n - 1] > 0.01);
});

Deno.test("rolling properties: window 1, constant series, empty, short, long window", () => {
  const x = randomWalk(20);
  close(rollingMean(x, 1), x);
  close(rollingMin(x, 1), x);
  close(rollingRank(x, 1), new Float64Array(20).fill(1));
  assert.ok(rollingStd(x, 1).every(Number.isNaN));
  const c = new Float64Array(30).fill(123.456);
  close(rollingStd(c, 5).subarray(4), new Float64Array(26));
  assert.ok(rollingZscore(c, 5).every(Number.isNaN));
  close(rollingMean(c, 5).subarray(4), new Float64Array(26).fill(123.456));
  for (const fn of [rollingSum, rollingMean, rollingStd, rollingMin, rollingMax, rollingRank]) {
    assert.equal(fn(new Float64Array(0), 3).length, 0);
    assert.ok(fn(f([1]), 3).every(Number.isNaN));
    assert.ok(fn(x, 50).every(Number.isNaN));
  }
  close(rollingMean(x, 50, { minPeriods: 1 }), expandingMean(x), 1e-12);
});

Deno.test("rolling ops do not mutate their input", () => {
  const x = randomWalk(100, 5, 9);
  const copy = x.slice();
  rollingStd(x, 10);
  rollingRank(x, 10);
  rollingMax(x, 10);
  rollingQuantile(x, 10, 0.9);
  assert.deepEqual(x, copy);
});

Deno.test("expanding ops", () => {
  const x = f([3, NaN, 1, 2, 5]);
  close(expandingSum(x), [3, 3, 4, 6, 11]);
  close(expandingMean(x), [3, 3, 2, 2, 2.75]);
  close(expandingMin(x), [3, 3, 1, 1, 1]);
  close(expandingMax(x), [3, 3, 3, 3, 5]);
  close(expandingStd(x), [NaN, NaN, Math.SQRT2, 1, Math.sqrt(sampleVar([3, 1, 2, 5]))]);
  close(expandingVar(x), [NaN, NaN, 2, 1, sampleVar([3, 1, 2, 5])]);
  close(expandingVar(f([1, 2, 4])), [NaN, 0.5, 7 / 3]);
  close(expandingRank(x), [1, NaN, 0.5, 2 / 3, 1]);
  close(expandingQuantile(x, 0.5), [3, 3, 2, 2, 2.5]);
  close(expandingMean(x, { minPeriods: 3 }), [NaN, NaN, NaN, 2, 2.75]);
});

Deno.test("shift, diff, returns, cumsum", () => {
  close(shift(f([1, 2, 3])), [NaN, 1, 2]);
  close(shift(f([1, 2, 3]), 2), [NaN, NaN, 1]);
  close(shift(f([1, 2, 3]), -1), [2, 3, NaN]);
  close(shift(f([1, 2, 3]), 5), [NaN, NaN, NaN]);
  close(diff(f([1, 4, 9, 16]), 2), [NaN, NaN, 8, 12]);
  close(pctChange(f([100, 110, 99])), [NaN, 0.1, -0.1]);
  close(logReturns(f([100, 110, NaN, 121])), [NaN, Math.log(1.1), NaN, NaN]);
  close(cumsum(f([1, NaN, 2])), [1, NaN, 3]);
  assert.equal(logReturns(new Float64Array(0)).length, 0);
});

Deno.test("crossover and crossunder follow the strict contract", () => {
  const a = f([1, 3, 3, 1, 2, NaN, 5]);
  const b = f([2, 2, 3, 2, 2, 2, 2]);
  assert.deepEqual(Array.from(crossover(a, b)), [0, 1, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(crossunder(a, b)), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(crossunder(f([3, 1]), f([2, 2]))), [0, 1]);
});

Deno.test("cross-sectional z-score across assets at each time", () => {
  const [a, b, c] = crossSectionalZscore([f([1, 1, NaN]), f([2, 1, 4]), f([3, 1, 6])]);
  close([a[0], b[0], c[0]], [-1, 0, 1]);
  assert.ok([a[1], b[1], c[1]].every(Number.isNaN), "zero dispersion gives NaN");
  close([b[2], c[2]], [-Math.SQRT1_2, Math.SQRT1_2]);
  assert.ok(Number.isNaN(a[2]));
});

Deno.test("asOf never uses an event before barTime - latency", () => {
  const bars = f([10, 20, 30]);
  const events = f([5, 19, 21]);
  assert.deepEqual(Array.from(asOf(bars, events)), [0, 1, 2]);
  assert.deepEqual(Array.from(asOf(bars, events, { latencyUs: 2 })), [0, 0, 2]);
  assert.deepEqual(Array.from(asOf(bars, f([10, 20]))), [0, 1, 1], "at-or-before is inclusive");
  assert.deepEqual(Array.from(asOf(bars, f([31]))), [-1, -1, -1]);
  close(asOfValues(bars, events, f([0.1, 0.2, 0.3]), { latencyUs: 9 }), [NaN, 0.1, 0.3]);
  // Property: the chosen event is always at or before the cutoff, and the next one after it.
  const bt = Float64Array.from({ length: 200 }, (_, i) => i * 7);
  const et = Float64Array.from({ length: 300 }, (_, i) => Math.floor(i * 4.9));
  for (const latency of [0, 3, 50]) {
    const idx = asOf(bt, et, { latencyUs: latency });
    idx.forEach((j, i) => {
      if (j >= 0) assert.ok(et[j] <= bt[i] - latency);
      if (j + 1 < et.length) assert.ok(et[j + 1] > bt[i] - latency);
    });
  }
  assert.throws(() => asOf(bars, f([3, 1])), /eventTimes must be sorted.*eventTimes\[1\]/);
  assert.throws(() => asOf(bars, events, { latencyUs: -1 }), RangeError);
});

Deno.test("dates: ISO strings to epoch microseconds and back", () => {
  assert.equal(parseDateToMicros("2024-03-01"), 1709251200000000);
  assert.equal(parseDateToMicros("2024-03-01T00:00:00.000123Z"), 1709251200000123);
  assert.equal(parseDateToMicros("2024-03-01 01:00:00+01:00"), 1709251200000000);
  assert.equal(microsToIso(1709251200000123), "2024-03-01T00:00:00.000123Z");
  assert.equal(toMicros(new Date(Date.UTC(2024, 0, 1))), 1704067200000000);
  assert.throws(() => parseDateToMicros("2024-02-30"), /not a valid calendar/);
  assert.throws(() => parseDateToMicros("03/01/2024"), /not an ISO date/);
});

Deno.test("readCsv reads the GOOG reference file with its unnamed index", async () => {
  const text = await Deno.readTextFile(
    new URL("../../shared/reference-data/GOOG.csv", import.meta.url),
  );
  const t = readCsv(text);
  assert.deepEqual(Object.keys(t), ["timestamp", "Open", "High", "Low", "Close", "Volume"]);
  assert.equal(t.timestamp.length, 2148);
  assert.equal(t.timestamp[0], parseDateToMicros("2004-08-19"));
  const bars = toBars(t);
  assert.equal(bars.close[0], 100.34);
  assert.equal(bars.volume[0], 22351900);
  const mixed = readCsv("sym,px,when\nBTC,1.5,2024-01-01\nETH,,2024-01-02\n");
  assert.deepEqual(mixed.sym, ["BTC", "ETH"]);
  close(mixed.px as Float64Array, [1.5, NaN]);
  assert.throws(() => readCsv("a,b\n1\n"), /line 2 has 1 fields/);
  assert.throws(() => toBars(readCsv("timestamp,close\n1,2\n")), /no "open" column/);
});

Deno.test("bad input gets clear errors naming the argument", () => {
  const x = f([1, 2, 3]);
  assert.throws(() => rollingMean(x, 0), { name: "RangeError", message: /window must be/ });
  assert.throws(() => rollingMean(x, 2.5), RangeError);
  assert.throws(() => rollingMean([1, 2] as unknown as Float64Array, 2), TypeError);
  assert.throws(() => rollingMean(x, 2, { minPeriods: 3 }), /minPeriods/);
  assert.throws(() => rollingQuantile(x, 2, 1.5), /q must be in/);
  assert.throws(() => crossover(x, f([1])), /b has length 1 but a has length 3/);
  assert.throws(() => shift(x, 0.5), /n must be an integer/);
});

Deno.test("windows of zeros sum to exactly 0 after non-zero values", () => {
  for (const x of [f([0.1, 0.7, 0.3, 0, 0, 0]), f([0.1, NaN, 0.3, 0, 0, 0])]) {
    assert.equal(rollingSum(x, 1)[4], 0);
    assert.equal(rollingSum(x, 2)[5], 0);
    assert.equal(rollingMean(x, 2)[5], 0);
  }
});

Deno.test("rank and quantile order negatives, zeros, -0 and ties like pandas", () => {
  const x = f([-1.5, 0, -0, 2, -1e300, 1e-300, -0, 0, 2, NaN, -1.5]);
  for (const w of [1, 3, 5, 11]) {
    close(rollingRank(x, w, { minPeriods: 1 }), brute(x, w, 1, pctRank));
    close(rollingQuantile(x, w, 0.4, { minPeriods: 1 }), brute(x, w, 1, quantile(0.4)));
  }
  // Spans longer than one block (8192 outputs) reload the window across the boundary.
  const long = randomWalk(20000, 9, 101);
  const got = rollingRank(long, 300, { minPeriods: 250 });
  const want = brute(long.subarray(8000, 8600), 300, 250, pctRank);
  assert.ok(want.subarray(299).filter((v) => !Number.isNaN(v)).length > 290);
  close(got.subarray(8299, 8600), want.subarray(299));
});
