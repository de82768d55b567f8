/**
 * Backtest benchmarks, each beside a numpy/pandas peer (tests/bench/backtest_peer.py) run on
 * the same seeded data: `deno run -A tests/bench/compare.ts backtest`.
 *
 * 1. One asset, 1,000,000 bars, long/short SMA(20, 100) crossover targets, 0.02 % commission
 *    and a 0.5 % stop-loss (the peer: pandas SMAs + numpy per-segment stop search).
 * 2. 10,000 SMA(fast, slow) combinations on 2,000 daily bars (fast 2..101 x slow 110..209),
 *    0.1 % commission, with full statistics per combination.
 */
import { backtest, smaCrossSweep } from "../../lib/backtest/mod.ts";
import { crossover, crossunder, rollingMean } from "../../lib/series/mod.ts";
import type { Bars } from "../../lib/series/mod.ts";
import { benchSeries } from "./_data.ts";

const DAY = 86_400e6;

/** OHLC from the seeded close: open = previous close, high/low 0.1 % beyond the body. */
function benchBars(n: number): Bars {
  const close = benchSeries(n);
  const open = Float64Array.from(close, (_, i) => close[i > 0 ? i - 1 : 0]);
  return {
    timestamp: Float64Array.from(close, (_, i) => i * DAY),
    open,
    high: Float64Array.from(close, (c, i) => Math.max(open[i], c) * 1.001),
    low: Float64Array.from(close, (c, i) => Math.min(open[i], c) * 0.999),
    close,
    volume: new Float64Array(n),
  };
}

/** +1 when SMA(fast) crosses above SMA(slow), -1 below, NaN otherwise. */
function crossTargets(close: Float64Array, fast: number, slow: number): Float64Array {
  const up = crossover(rollingMean(close, fast), rollingMean(close, slow));
  const down = crossunder(rollingMean(close, fast), rollingMean(close, slow));
  return Float64Array.from(close, (_, i) => (up[i] ? 1 : down[i] ? -1 : NaN));
}

const big = benchBars(1_000_000);
const bigTargets = crossTargets(big.close, 20, 100);
Deno.bench({
  name: "backtest 1M bars commission+stop",
  n: 5,
  warmup: 1,
  fn: () => {
    backtest(big, bigTargets, { commission: 0.0002, stopLossPct: 0.5, barsPerYear: 365 });
  },
});

const small = benchBars(2_000);
const fast = Array.from({ length: 100 }, (_, i) => i + 2);
const slow = Array.from({ length: 100 }, (_, i) => i + 110);
Deno.bench({
  name: "smaCrossSweep 10k combos x 2k bars",
  n: 5,
  warmup: 1,
  fn: () => {
    smaCrossSweep(small, { fast, slow, commission: 0.001, barsPerYear: 365 });
  },
});
