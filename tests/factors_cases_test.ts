/** Factors: hand-computed cases, no-look-ahead properties and bad-input errors. */
import assert from "node:assert/strict";
import { assertClose, F } from "./_assert_close.ts";
import {
  amihudIlliquidity,
  barOrderFlowImbalance,
  bookFeatures,
  bookSpread,
  classifySignals,
  compositeScore,
  DEFAULT_COMPOSITE_WEIGHTS,
  depthImbalance,
  fundingCarry,
  liquidityScore,
  microprice,
  midPrice,
  momentum,
  momentumAcceleration,
  orderFlowImbalance,
  realizedVolatility,
  signalClassName,
  VOLATILITY_HIGH,
  VOLATILITY_LOW,
  VOLATILITY_NORMAL,
  volatilityPercentile,
  volatilityRegime,
} from "../lib/factors/mod.ts";

const N = NaN;

function walk(n: number, seed = 7): Float64Array {
  let state = seed;
  const out = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    price *= Math.exp((state / 2147483648 - 0.5) * 0.04);
    out[i] = price;
  }
  return out;
}

Deno.test("momentum and acceleration: sums of log returns by hand", () => {
  const close = F([100, 101, 103, 106, 110]);
  assertClose(momentum(close, 2), [N, N, Math.log(1.03), Math.log(106 / 101), Math.log(110 / 103)]);
  assertClose(momentumAcceleration(close, 2), [
    N,
    N,
    N,
    N,
    Math.log(110 / 103) - Math.log(1.03),
  ]);
  assertClose(momentumAcceleration(close, 2, { lag: 1 }), [
    N,
    N,
    N,
    Math.log(106 / 101) - Math.log(1.03),
    Math.log(110 / 103) - Math.log(106 / 101),
  ]);
});

Deno.test("realizedVolatility: annualized sample std of log returns", () => {
  const close = F([100, 110, 99, 108.9]); // log returns ln 1.1, ln 0.9, ln 1.1
  const r = [Math.log(1.1), Math.log(0.9), Math.log(1.1)];
  const mean = (r[0] + r[1] + r[2]) / 3;
  const sample = Math.sqrt(r.reduce((s, v) => s + (v - mean) ** 2, 0) / 2);
  assertClose(realizedVolatility(close, 3, { barsPerYear: 252 }), [
    N,
    N,
    N,
    sample * Math.sqrt(252),
  ]);
  assertClose(realizedVolatility(close, 3), [N, N, N, sample * Math.sqrt(365)]);
});

Deno.test("volatilityPercentile and volatilityRegime use only past and current values", () => {
  const vol = F([0.2, 0.1, 0.3, 0.3, 0.05]);
  assertClose(volatilityPercentile(vol), [1, 0.5, 1, 0.875, 0.2]);
  assertClose(volatilityPercentile(vol, { window: 2 }), [N, 0.5, 1, 0.75, 0.5]);
  assertClose(volatilityRegime(F([0.2, 0.4, 0.3, 0.1, 0.9]), { window: 4 }), [N, N, N, -1, 1]);
  assert.deepEqual([VOLATILITY_LOW, VOLATILITY_NORMAL, VOLATILITY_HIGH], [-1, 0, 1]);
  // flat volatility is "normal", not low or high
  assert.ok(volatilityRegime(new Float64Array(10).fill(0.3)).every((v) => v === 0));
  // no look-ahead: the values on a prefix equal those on the full series
  const close = walk(400);
  const rv = realizedVolatility(close, 20);
  const prefix = rv.slice(0, 250);
  for (const options of [{}, { window: 60 }]) {
    assert.deepEqual(
      volatilityRegime(prefix, options),
      volatilityRegime(rv, options).slice(0, 250),
    );
    assert.deepEqual(
      volatilityPercentile(prefix, options),
      volatilityPercentile(rv, options).slice(0, 250),
    );
  }
});

Deno.test("amihudIlliquidity and liquidityScore by hand", () => {
  const close = F([100, 102, 100, 100]);
  const volume = F([10, 20, 10, 0]);
  const a1 = 0.02 / (102 * 20);
  const a2 = (2 / 102) / (100 * 10);
  assertClose(amihudIlliquidity(close, volume, 2), [N, N, (a1 + a2) / 2, N]); // zero volume
  assertClose(amihudIlliquidity(close, volume, 2, { minPeriods: 1 }), [N, a1, (a1 + a2) / 2, a2]);
  assertClose(liquidityScore(F([0, 1e-6, 3e-6, N])), [1, 0.5, 0.25, N]);
  assertClose(liquidityScore(F([1])), [1 / (1 + 1e6)]);
  assertClose(liquidityScore(F([1]), { scale: 1 }), [0.5]);
});

Deno.test("orderFlowImbalance over trades and over time", () => {
  const side = ["buy", "buy", "sell", "unknown", "buy"];
  const amount = F([1, 2, 1, 5, 1]);
  assertClose(orderFlowImbalance(side, amount, { trades: 2 }), [N, 1, 1 / 3, -1, 1]);
  assertClose(orderFlowImbalance(side, amount, { trades: 1 }), [1, 1, -1, N, 1]);
  const timestamps = F([0, 1e6, 1.5e6, 1.5e6, 3e6]);
  // (t - 1s, t]: [0], [1e6], [1e6, 1.5e6, 1.5e6], same, [3e6]
  assertClose(orderFlowImbalance(side, amount, { windowUs: 1e6, timestamps }), [
    1,
    1,
    1 / 3,
    1 / 3,
    1,
  ]);
  assertClose(orderFlowImbalance(["unknown"], F([1]), { trades: 1 }), [N]);
  assert.equal(orderFlowImbalance([], new Float64Array(0), { trades: 3 }).length, 0);
});

Deno.test("barOrderFlowImbalance from per-bar buy and sell volumes", () => {
  const buy = F([3, 1, 0, 2, N, 1]);
  const sell = F([1, 1, 0, 0, 1, 1]);
  assertClose(barOrderFlowImbalance(buy, sell, 1), [0.5, 0, N, 1, N, 0]);
  assertClose(barOrderFlowImbalance(buy, sell, 2), [N, 1 / 3, 0, 1, N, N]);
  assert.throws(() => barOrderFlowImbalance(buy, F([1]), 2), {
    name: "RangeError",
    message: /sellVolume has length 1/,
  });
  assert.throws(() => barOrderFlowImbalance(buy, sell, 0), { message: /window must be/ });
});

Deno.test("book features: spread, mid, microprice, depth imbalance", () => {
  assertClose(bookSpread(F([99.5, N]), F([100.5, 1])), [1, N]);
  assertClose(midPrice(F([99.5]), F([100.5])), [100]);
  assertClose(microprice(F([99, 99]), F([3, 0]), F([101, 101]), F([1, 0])), [100.5, N]);
  assertClose(depthImbalance(F([3, 0, 0]), F([1, 0, 2])), [0.5, N, -1]);
  const snapshot = {
    exchange: ["x", "x"],
    "asks[0].price": F([101, 102]),
    "asks[0].amount": F([1, 2]),
    "bids[0].price": F([99, 100]),
    "bids[0].amount": F([3, 2]),
    "asks[1].price": F([103, 104]),
    "asks[1].amount": F([5, 2]),
    "bids[1].price": F([98, 99]),
    "bids[1].amount": F([1, 6]),
  };
  const top = bookFeatures(snapshot);
  assertClose(top.spread, [2, 2]);
  assertClose(top.mid, [100, 101]);
  assertClose(top.spreadBps, [200, 2e4 / 101]);
  assertClose(top.microprice, [100.5, 101]);
  assertClose(top.depthImbalance, [0.5, 0]);
  assertClose(bookFeatures(snapshot, { levels: 2 }).depthImbalance, [(4 - 6) / 10, (8 - 4) / 12]);
  const quotes = {
    bid_price: F([10]),
    bid_amount: F([1]),
    ask_price: F([11]),
    ask_amount: F([3]),
  };
  assertClose(bookFeatures(quotes).microprice, [(10 * 3 + 11) / 4]);
});

Deno.test("fundingCarry annualizes the long's carry", () => {
  assertClose(fundingCarry(F([0.0001, -0.0002, N])), [-0.1095, 0.219, N]);
  assertClose(fundingCarry(F([0.0001]), { periodsPerYear: 8760 }), [-0.876]);
});

Deno.test("compositeScore: weighted rolling z-scores, volatility inverted", () => {
  const momentum = F([1, 2, 3, 1]);
  const volatility = F([3, 1, 2, 2]);
  // window 3 z-scores at index 2: momentum (3 - 2) / 1 = 1; volatility (2 - 2) / 1 = 0
  // index 3: momentum (1 - 2) / 1 = -1; volatility (2 - 5/3) / sqrt(1/3)
  const zv = (2 - 5 / 3) / Math.sqrt(1 / 3);
  assertClose(compositeScore({ momentum, volatility }, 3), [
    N,
    N,
    0.4 / 0.6,
    (-0.4 - 0.2 * zv) / 0.6,
  ]);
  assertClose(
    compositeScore({ momentum, volatility }, 3, { weights: { momentum: 1, volatility: 1 } }),
    [N, N, 0.5, (-1 - zv) / 2],
  );
  assert.equal(
    Object.values(DEFAULT_COMPOSITE_WEIGHTS).reduce((a, b) => a + b, 0).toFixed(12),
    "1.000000000000",
  );
  // no look-ahead
  const trend = walk(300, 11);
  const risk = walk(300, 3);
  const full = compositeScore({ momentum: trend, volatility: risk }, 50);
  const cut = compositeScore({ momentum: trend.slice(0, 120), volatility: risk.slice(0, 120) }, 50);
  assert.deepEqual(cut, full.slice(0, 120));
});

Deno.test("classifySignals and signalClassName", () => {
  assertClose(classifySignals(F([1.2, 1, 0.6, 0.5, 0.49, 0, -0.5, -0.99, -1, -3, N])), [
    2,
    2,
    1,
    1,
    0,
    0,
    -1,
    -1,
    -2,
    -2,
    N,
  ]);
  assertClose(classifySignals(F([0.3, 0.25, -2.5]), { moderate: 0.25, strong: 2 }), [1, 1, -2]);
  assert.deepEqual([-2, -1, 0, 1, 2].map(signalClassName), [
    "strong_short",
    "moderate_short",
    "neutral",
    "moderate_long",
    "strong_long",
  ]);
});

Deno.test("factors: bad input gets a clear error naming the argument", () => {
  const x = F([1, 2, 3]);
  assert.throws(() => momentum(x, 0), { name: "RangeError", message: /window must be/ });
  assert.throws(() => momentumAcceleration(x, 2, { lag: 1.5 }), { message: /options.lag/ });
  assert.throws(() => realizedVolatility(x, 1), { message: /window must be an integer >= 2/ });
  assert.throws(() => realizedVolatility(x, 2, { barsPerYear: NaN }), {
    name: "RangeError",
    message: /options.barsPerYear must be a finite number/,
  });
  assert.throws(() => realizedVolatility(x, 2, { barsPerYear: -1 }), RangeError);
  assert.throws(() => volatilityRegime(x, { lowQuantile: 0.8, highQuantile: 0.2 }), {
    message: /lowQuantile < options.highQuantile/,
  });
  assert.throws(() => volatilityRegime(x, { lowQuantile: Infinity }), RangeError);
  assert.throws(() => volatilityPercentile(x, { window: 0 }), { message: /options.window/ });
  assert.throws(() => amihudIlliquidity(x, F([1]), 2), {
    name: "RangeError",
    message: /volume has length 1/,
  });
  assert.throws(() => liquidityScore(x, { scale: 0 }), { message: /options.scale must be > 0/ });
  assert.throws(() => orderFlowImbalance(["buy"], F([1]), {}), {
    name: "TypeError",
    message: /exactly one of options.trades/,
  });
  assert.throws(() => orderFlowImbalance(["buy"], F([1]), { trades: 1, windowUs: 1 }), TypeError);
  assert.throws(() => orderFlowImbalance(["BUY"], F([1]), { trades: 1 }), {
    message: /side\[0\] is "BUY"/,
  });
  assert.throws(() => orderFlowImbalance(["buy", "sell"], F([1]), { trades: 1 }), RangeError);
  assert.throws(() => orderFlowImbalance(["buy"], F([1]), { windowUs: 1e6 }), {
    message: /options.timestamps .* is required/,
  });
  assert.throws(
    () => orderFlowImbalance(["buy", "sell"], F([1, 1]), { windowUs: 1e6, timestamps: F([2, 1]) }),
    { name: "RangeError", message: /sorted/ },
  );
  assert.throws(
    () => orderFlowImbalance(["buy"], F([1]), { windowUs: -5, timestamps: F([1]) }),
    { message: /options.windowUs/ },
  );
  assert.throws(() => bookFeatures({ bid_price: x }), {
    name: "TypeError",
    message: /book column "ask_price" is missing/,
  });
  assert.throws(() => bookFeatures({ "bids[0].price": x }, { levels: 0 }), RangeError);
  assert.throws(() => microprice(x, x, x, F([1])), { message: /askAmount has length 1/ });
  assert.throws(() => fundingCarry(x, { periodsPerYear: Infinity }), RangeError);
  assert.throws(() => compositeScore({}, 10), { name: "TypeError", message: /at least one/ });
  assert.throws(() => compositeScore({ momentum: x }, 1), { message: /window must be/ });
  assert.throws(() => compositeScore({ momentum: x, volatility: F([1]) }, 2), RangeError);
  assert.throws(() => compositeScore({ momentum: x }, 2, { weights: { momentum: NaN } }), {
    message: /options.weights.momentum must be a finite/,
  });
  assert.throws(() => compositeScore({ momentum: x }, 2, { weights: { momentum: 0 } }), {
    message: /all 0/,
  });
  assert.throws(() => classifySignals(x, { moderate: NaN }), {
    name: "RangeError",
    message: /options.moderate must be a finite/,
  });
  assert.throws(() => classifySignals(x, { strong: Infinity }), RangeError);
  assert.throws(() => classifySignals(x, { moderate: 1, strong: 0.5 }), RangeError);
  assert.throws(() => signalClassName(3), RangeError);
});
