/** Indicators: hand-computed cases, properties (window 1, constant series, NaN in the
 * middle, length 0 and 1, window longer than the series) and bad-input errors. */
import assert from "node:assert/strict";
import { assertClose, F } from "./_assert_close.ts";
import {
  atr,
  bollinger,
  ema,
  macd,
  obv,
  rsi,
  sma,
  stochastic,
  trueRange,
  vwap,
  wma,
} from "../lib/factors/mod.ts";

const N = NaN;

Deno.test("sma, ema and wma: hand-computed values", () => {
  assertClose(sma(F([1, 2, 3, 4, 5]), 3), [N, N, 2, 3, 4]);
  // alpha = 2 / (3 + 1) = 0.5, seeded with mean(2, 4, 6) = 4
  assertClose(ema(F([2, 4, 6, 8, 3]), 3), [N, N, 4, 6, 4.5]);
  assertClose(wma(F([1, 2, 3, 4]), 3), [N, N, 14 / 6, 20 / 6]);
});

Deno.test("ema seeds on the first n consecutive valid values and skips later NaNs", () => {
  // leading NaN and a NaN before the first full run: the seed is mean(3, 5) at index 4
  assertClose(ema(F([N, 1, N, 3, 5, 9, N, 1]), 2), [N, N, N, N, 4, 22 / 3, N, 28 / 9]);
});

Deno.test("wma stays exact over long series (recurrence re-synced every window)", () => {
  const x = new Float64Array(5000).map((_, i) => 1e6 + Math.sin(i) * 1e3);
  const out = wma(x, 37);
  for (const i of [36, 1000, 2999, 4999]) {
    let weighted = 0;
    for (let j = 1; j <= 37; j++) weighted += j * x[i - 37 + j];
    const expected = weighted / (37 * 38 / 2);
    assert.ok(Math.abs(out[i] - expected) <= 1e-12 * expected, `wma[${i}]`);
  }
});

Deno.test("rsi: Wilder smoothing by hand", () => {
  // changes +0.5, -0.5, +1, +1; seed avgGain = avgLoss = 0.25 at index 2
  // index 3: gain 0.625, loss 0.125 -> rs 5; index 4: 0.8125 / 0.0625 -> rs 13
  assertClose(rsi(F([44, 44.5, 44, 45, 46]), 2), [N, N, 50, 100 - 100 / 6, 100 - 100 / 14]);
  assertClose(rsi(F([1, 2, 3, 4]), 2), [N, N, 100, 100]);
  assertClose(rsi(F([4, 3, 2, 1]), 2), [N, N, 0, 0]);
  assert.equal(rsi(new Float64Array(20).fill(1)).length, 20); // default n = 14
  assertClose(rsi(new Float64Array(16).fill(7)).subarray(13), [N, 50, 50]);
});

Deno.test("trueRange and atr: hand-computed values", () => {
  const high = F([3, 5, 6, 4]);
  const low = F([1, 4, 4, 2]);
  const close = F([2, 4.5, 5, 3]);
  // TR: none on the first bar; max(1, |5-2|, |4-2|); max(2, 1.5, 0.5); max(2, |4-5|, |2-5|)
  assertClose(trueRange(high, low, close), [N, 3, 2, 3]);
  assertClose(atr(high, low, close, 2), [N, N, 2.5, 2.75]);
  assertClose(atr(high, low, close, 1), [N, 3, 2, 3]);
  // the true range needs the previous close
  assertClose(trueRange(F([3, 5, 6]), F([1, 4, 5]), F([N, 4.5, 5])), [N, N, 1.5]);
});

Deno.test("bollinger: population std bands by hand", () => {
  const { middle, upper, lower } = bollinger(F([1, 2, 3, 4]), 2, 2);
  assertClose(middle, [N, 1.5, 2.5, 3.5]);
  assertClose(upper, [N, 2.5, 3.5, 4.5]); // pop std of two values 1 apart is 0.5
  assertClose(lower, [N, 0.5, 1.5, 2.5]);
  const defaults = bollinger(new Float64Array(25).map((_, i) => i));
  assert.ok(Number.isNaN(defaults.middle[18]) && defaults.middle[19] === 9.5); // n = 20
  const pop = Math.sqrt((20 * 20 - 1) / 12); // population std of 20 consecutive integers
  assert.ok(Math.abs(defaults.upper[19] - (9.5 + 2 * pop)) < 1e-12); // k = 2
});

Deno.test("macd: hand-computed lines", () => {
  // fast 1 = the close itself; slow 2 (alpha 2/3) = 3/2, 19/6, 115/18
  const { macd: line, signal, histogram } = macd(F([1, 2, 4, 8]), 1, 2, 2);
  assertClose(line, [N, 1 / 2, 5 / 6, 29 / 18]);
  assertClose(signal, [N, N, 2 / 3, 35 / 27]);
  assertClose(histogram, [N, N, 5 / 6 - 2 / 3, 17 / 54]);
  const defaults = macd(new Float64Array(40).map((_, i) => 100 + i * i / 10));
  const firstValid = (x: Float64Array) => x.findIndex((v) => !Number.isNaN(v));
  assert.equal(firstValid(defaults.macd), 25); // slow = 26
  assert.equal(firstValid(defaults.signal), 33); // 26 + 9 - 2
});

Deno.test("stochastic: hand-computed %K and %D", () => {
  const high = F([2, 3, 4, 5, 4]);
  const low = F([0, 1, 2, 2, 1]);
  const close = F([1, 3, 2, 5, 1]);
  // kPeriod 2: raw = [NaN, 100, 100/3, 100, 0]
  const fast = stochastic(high, low, close, 2, 1, 2);
  assertClose(fast.k, [N, 100, 100 / 3, 100, 0]);
  assertClose(fast.d, [N, N, 200 / 3, 200 / 3, 50]);
  const slow = stochastic(high, low, close, 2, 2, 1);
  assertClose(slow.k, [N, N, 200 / 3, 200 / 3, 50]);
  const defaults = stochastic(F(Array(20).fill(2)), F(Array(20).fill(1)), F(Array(20).fill(1.5)));
  assert.ok(Number.isNaN(defaults.k[14]) && defaults.k[15] === 50); // 14 + 3 - 2
  assert.ok(Number.isNaN(defaults.d[16]) && defaults.d[17] === 50); // 14 + 3 + 3 - 3
});

Deno.test("vwap and obv: hand-computed values", () => {
  const high = F([11, 12, 13]);
  const low = F([9, 10, 11]);
  const close = F([10, 11, 12]); // typical prices 10, 11, 12
  const volume = F([1, 3, 0]);
  assertClose(vwap(high, low, close, volume), [10, 43 / 4, 43 / 4]);
  assertClose(vwap(high, low, close, volume, { window: 2 }), [N, 43 / 4, 11]);
  assertClose(vwap(F([1]), F([1]), F([1]), F([0])), [N]); // no volume yet
  assertClose(obv(F([10, 11, 10, 10, 12]), F([5, 2, 3, 4, 1])), [0, 2, -1, -1, 0]);
  assertClose(obv(F([10, N, 11, 12]), F([5, 2, 3, 4])), [0, N, N, 4]);
});

Deno.test("property: window 1 returns the input (or its degenerate value)", () => {
  const x = F([3, 1, 4, 1, 5, 9, 2, 6]);
  assertClose(sma(x, 1), [...x]);
  assertClose(ema(x, 1), [...x]);
  assertClose(wma(x, 1), [...x]);
  const bands = bollinger(x, 1, 3);
  assertClose(bands.upper, [...x]);
  assertClose(bands.lower, [...x]);
  assertClose(rsi(F([1, 2, 2, 1]), 1), [N, 100, 50, 0]);
});

Deno.test("property: constant series", () => {
  const c = new Float64Array(30).fill(42);
  assert.ok(sma(c, 5).subarray(4).every((v) => v === 42));
  assert.ok(ema(c, 5).subarray(4).every((v) => v === 42));
  assert.ok(wma(c, 5).subarray(4).every((v) => Math.abs(v - 42) < 1e-12));
  assert.ok(rsi(c, 5).subarray(5).every((v) => v === 50));
  assert.ok(atr(c, c, c, 5).subarray(5).every((v) => v === 0));
  const { upper, lower } = bollinger(c, 5, 2);
  assert.ok(upper.subarray(4).every((v) => v === 42) && lower.subarray(4).every((v) => v === 42));
  const m = macd(c, 3, 6, 3);
  assert.ok(m.macd.subarray(5).every((v) => v === 0) && m.signal.subarray(7).every((v) => v === 0));
  assert.ok(stochastic(c, c, c, 5, 1, 1).k.subarray(4).every((v) => v === 50));
  assert.ok(obv(c, c).every((v) => v === 0));
  assert.ok(vwap(c, c, c, c).every((v) => v === 42));
});

Deno.test("property: a NaN in the middle only affects the windows holding it", () => {
  const x = new Float64Array(30).map((_, i) => 10 + Math.sin(i));
  const gap = x.slice();
  gap[15] = NaN;
  const n = 4;
  for (const f of [sma, wma]) {
    const clean = f(x, n);
    const out = f(gap, n);
    for (let i = 0; i < 30; i++) {
      if ((i >= 15 && i < 15 + n) || i < n - 1) {
        assert.ok(Number.isNaN(out[i]), `${f.name}[${i}] NaN`);
      } else assert.ok(Math.abs(out[i] - clean[i]) < 1e-12 * clean[i], `${f.name}[${i}]`);
    }
  }
  const e = ema(gap, n);
  const clean = ema(x, n);
  assert.deepEqual([...e.subarray(0, 15)], [...clean.subarray(0, 15)]);
  assert.ok(Number.isNaN(e[15]) && e.subarray(16).every((v) => !Number.isNaN(v)));
  assert.equal(e[16], 0.6 * clean[14] + 0.4 * x[16]); // resumes from the last value
  const r = rsi(gap, n);
  assert.ok(Number.isNaN(r[15]) && Number.isNaN(r[16]) && !Number.isNaN(r[17]));
  const bands = bollinger(gap, n, 2);
  assert.ok(Number.isNaN(bands.upper[18]) && !Number.isNaN(bands.upper[19]));
  const m = macd(gap, 2, 3, 2);
  assert.ok(Number.isNaN(m.macd[15]) && !Number.isNaN(m.histogram[16]));
  const range = atr(gap, gap, gap, n);
  assert.ok(Number.isNaN(range[16]) && !Number.isNaN(range[17]));
});

Deno.test("property: length 0, length 1 and window longer than the series", () => {
  const empty = new Float64Array(0);
  for (const f of [sma, ema, wma, rsi]) assert.equal(f(empty, 3).length, 0);
  assert.equal(atr(empty, empty, empty, 3).length, 0);
  assert.equal(bollinger(empty, 3, 2).middle.length, 0);
  assert.equal(macd(empty).signal.length, 0);
  assert.equal(stochastic(empty, empty, empty).d.length, 0);
  assert.equal(vwap(empty, empty, empty, empty).length, 0);
  assert.equal(obv(empty, empty).length, 0);

  const one = F([5]);
  assertClose(sma(one, 1), [5]);
  assertClose(ema(one, 1), [5]);
  assertClose(rsi(one, 1), [N]);
  assertClose(atr(one, one, one, 1), [N]);
  assertClose(obv(one, one), [0]);
  assertClose(vwap(one, one, one, one), [5]);

  const short = F([1, 2, 3]);
  for (const f of [sma, ema, wma, rsi]) assert.ok(f(short, 10).every(Number.isNaN), f.name);
  assert.ok(atr(short, short, short, 10).every(Number.isNaN));
  assert.ok(bollinger(short, 10, 2).upper.every(Number.isNaN));
  assert.ok(macd(short).histogram.every(Number.isNaN));
  assert.ok(stochastic(short, short, short).d.every(Number.isNaN));
});

Deno.test("bad input: clear RangeError/TypeError naming the argument", () => {
  const x = F([1, 2, 3]);
  assert.throws(() => sma(x, 0), { name: "RangeError", message: /n must be an integer >= 1/ });
  assert.throws(() => ema(x, 2.5), { name: "RangeError", message: /n must be an integer/ });
  assert.throws(() => wma(x, -1), RangeError);
  assert.throws(() => rsi(x, 0), { name: "RangeError", message: /n must be/ });
  assert.throws(() => sma([1, 2, 3] as unknown as Float64Array, 2), {
    name: "TypeError",
    message: /x must be a Float64Array/,
  });
  assert.throws(() => atr(x, F([1, 2]), x, 2), {
    name: "RangeError",
    message: /low has length 2 but high has length 3/,
  });
  assert.throws(() => bollinger(x, 2, NaN), { name: "RangeError", message: /k must be a finite/ });
  assert.throws(() => bollinger(x, 2, Infinity), RangeError);
  assert.throws(() => macd(x, 26, 12, 9), { name: "RangeError", message: /fast \(26\).*slow/ });
  assert.throws(() => macd(x, 3, 5, 0), { name: "RangeError", message: /signal must be/ });
  assert.throws(() => stochastic(x, x, F([1]), 2, 1, 1), {
    name: "RangeError",
    message: /close has length 1/,
  });
  assert.throws(() => stochastic(x, x, x, 2, 0, 1), { message: /kSmooth must be/ });
  assert.throws(() => vwap(x, x, x, F([1])), { name: "RangeError", message: /volume/ });
  assert.throws(() => vwap(x, x, x, x, { window: 0 }), { message: /options.window/ });
  assert.throws(() => obv(x, F([])), { name: "RangeError", message: /volume has length 0/ });
});
