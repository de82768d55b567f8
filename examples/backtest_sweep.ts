/**
 * Parameter sweep: 10,000 SMA(fast, slow) crossover combinations on 2,000 daily bars with a
 * 0.1 % commission, timed, then the best combinations and a heatmap-ready matrix of Sharpe
 * ratios. The generic `sweep` runs the full engine on a small grid for comparison.
 *
 * Run: `deno run examples/backtest_sweep.ts` (synthetic data, no network).
 *
 * @module
 */
import { backtest, smaCrossSweep, sweep, sweepHeatmap } from "../lib/backtest/mod.ts";
import { crossover, crossunder, rollingMean, SeededRandom } from "../lib/series/mod.ts";
import type { Bars } from "../lib/series/mod.ts";

const DAY = 86_400e6;
const rng = new SeededRandom(3);
const rnd = (): number => rng.next();
const n = 2000;
const close = new Float64Array(n);
let p = 100;
for (let i = 0; i < n; i++) {
  p *= 1 + (rnd() - 0.49) * 0.03 + 0.01 * Math.sin(i / 60) / 20;
  close[i] = p;
}
const open = Float64Array.from(close, (_, i) => close[Math.max(0, i - 1)]);
const bars: Bars = {
  timestamp: Float64Array.from({ length: n }, (_, i) => Date.UTC(2017, 0, 2) * 1000 + i * DAY),
  open,
  high: Float64Array.from(close, (c, i) => Math.max(c, open[i])),
  low: Float64Array.from(close, (c, i) => Math.min(c, open[i])),
  close,
  volume: new Float64Array(n),
};

const fast = Array.from({ length: 100 }, (_, i) => i + 2);
const slow = Array.from({ length: 100 }, (_, i) => i + 110);
const t0 = performance.now();
const table = smaCrossSweep(bars, { fast, slow, commission: 0.001 });
console.log(`${table.fast.length} combinations in ${(performance.now() - t0).toFixed(0)} ms`);

const order = [...table.sharpe.keys()].sort((a, b) => table.sharpe[b] - table.sharpe[a]);
console.log("fast  slow  sharpe  return %  max dd %  trades");
for (const k of order.slice(0, 5)) {
  console.log(
    `${String(table.fast[k]).padStart(4)}  ${String(table.slow[k]).padStart(4)}  ` +
      `${table.sharpe[k].toFixed(2).padStart(6)}  ${
        table.totalReturnPct[k].toFixed(1).padStart(7)
      }  ` +
      `${table.maxDrawdownPct[k].toFixed(1).padStart(8)}  ${
        String(table.numTrades[k]).padStart(6)
      }`,
  );
}
const heat = sweepHeatmap(table, "fast", "slow", "sharpe");
console.log(`heatmap: ${heat.y.length} x ${heat.x.length} (plotly: { type: "heatmap", x, y, z })`);

// The generic path: any run function, indicators memoized per distinct window.
const small = sweep({ fast: [5, 10, 20], slow: [120, 150] }, (params, memo) => {
  const f = memo(`sma${params.fast}`, () => rollingMean(close, params.fast));
  const s = memo(`sma${params.slow}`, () => rollingMean(close, params.slow));
  const up = crossover(f, s);
  const down = crossunder(f, s);
  const targets = Float64Array.from(close, (_, i) => (up[i] ? 1 : down[i] ? -1 : NaN));
  return backtest(bars, targets, { commission: 0.001 }).stats;
});
console.log("generic sweep sharpe:", [...small.sharpe].map((v) => v.toFixed(2)).join(" "));
