/**
 * Reference check against an independent numpy/pandas implementation of the same job
 * (tests/bench/backtest_peer.py: pandas SMAs, numpy per-segment stop search, compounding
 * per trade), run with Debian's python3-pandas.
 */
import assert from "node:assert/strict";
import { backtest } from "../lib/backtest/mod.ts";
import { crossover, crossunder, rollingMean } from "../lib/series/mod.ts";

const PYTHON = "/usr/bin/python3";
const hasPandas = (() => {
  try {
    return new Deno.Command(PYTHON, { args: ["-c", "import pandas"] }).outputSync().success;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "backtest equals the numpy/pandas reference: SMA cross, commission, stop-loss",
  ignore: !hasPandas,
  fn: async () => {
    const n = 6000;
    let s = 99;
    const close = new Float64Array(n);
    let p = 100;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      close[i] = p *= 1 + (s / 4294967296 - 0.5) * 0.01;
    }
    const open = Float64Array.from(close, (_, i) => close[i > 0 ? i - 1 : 0]);
    const bars = {
      timestamp: Float64Array.from(close, (_, i) => i * 86_400e6),
      open,
      high: Float64Array.from(close, (c, i) => Math.max(open[i], c) * 1.001),
      low: Float64Array.from(close, (c, i) => Math.min(open[i], c) * 0.999),
      close,
      volume: new Float64Array(n),
    };
    const f = rollingMean(close, 10);
    const sl = rollingMean(close, 30);
    const up = crossover(f, sl);
    const down = crossunder(f, sl);
    const targets = Float64Array.from(close, (_, i) => (up[i] ? 1 : down[i] ? -1 : NaN));
    const ours = backtest(bars, targets, { commission: 0.001, stopLossPct: 2, barsPerYear: 365 });

    const path = await Deno.makeTempFile({ suffix: ".f64" });
    try {
      await Deno.writeFile(path, new Uint8Array(close.buffer));
      const script = `
import json, sys
import numpy as np
sys.path.insert(0, ${JSON.stringify(new URL("./bench/", import.meta.url).pathname)})
import backtest_peer as p
raw = np.fromfile(${JSON.stringify(path)}, dtype="<f8")
o, h, l, c = p.bars(len(raw), raw)
equity, st = p.backtest_1m(o, h, l, c, p.cross_targets(c, 10, 30), rate=0.001, stop=0.02)
print(json.dumps({"equity": equity.tolist(), **{k: float(v) for k, v in st.items()}}))
`;
      const out = await new Deno.Command(PYTHON, { args: ["-c", script], stderr: "inherit" })
        .output();
      assert.ok(out.success, "python reference failed");
      const ref = JSON.parse(new TextDecoder().decode(out.stdout));
      assert.equal(ours.stats.numTrades, ref.numTrades);
      assert.ok(ours.trades.exitReason.includes("stopLoss"));
      for (let i = 0; i < n; i++) {
        const a = ours.equity[i];
        const b = ref.equity[i];
        assert.ok(Math.abs(a - b) <= 1e-9 * Math.abs(b), `equity[${i}]: ${a} != ${b}`);
      }
      const near = (a: number, b: number, name: string) =>
        assert.ok(Math.abs(a - b) <= 1e-8 * Math.max(1, Math.abs(b)), `${name}: ${a} != ${b}`);
      const st = ours.stats;
      near(st.totalReturnPct, ref.totalReturnPct, "totalReturnPct");
      near(st.annReturnPct, ref.annReturnPct, "annReturnPct");
      near(st.annVolatilityPct, ref.annVolatilityPct, "annVolatilityPct");
      near(st.sharpe, ref.sharpe, "sharpe");
      near(st.sortino, ref.sortino, "sortino");
      near(st.maxDrawdownPct, ref.maxDrawdownPct, "maxDrawdownPct");
      near(st.beta, ref.beta, "beta");
      near(st.winRatePct, ref.winRatePct, "winRatePct");
      near(st.profitFactor, ref.profitFactor, "profitFactor");
    } finally {
      await Deno.remove(path);
    }
  },
});
