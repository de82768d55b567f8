/**
 * Indicators on 2,000,000 points (the first 2M values of the shared seeded bench series;
 * high/low = close * (1 ± 0.001)). Peer: tests/bench/factors_peer.py (the usual pandas
 * idioms on the same data); compare with `deno run -A tests/bench/compare.ts factors`.
 */
import { atr, bollinger, ema, macd, rsi, stochastic, wma } from "../../lib/factors/mod.ts";
import { benchSeries } from "./_data.ts";

const N = 2_000_000;
const close = benchSeries(N);
const high = close.map((v) => v * 1.001);
const low = close.map((v) => v * 0.999);

const benches: [string, () => unknown][] = [
  ["ema n=14", () => ema(close, 14)],
  ["rsi n=14", () => rsi(close, 14)],
  ["atr n=14", () => atr(high, low, close, 14)],
  ["wma n=20", () => wma(close, 20)],
  ["wma n=5000", () => wma(close, 5000)],
  ["bollinger n=20 k=2", () => bollinger(close, 20, 2)],
  ["macd 12/26/9", () => macd(close, 12, 26, 9)],
  ["stochastic 14/3/3", () => stochastic(high, low, close, 14, 3, 3)],
];

for (const [name, fn] of benches) {
  Deno.bench({ name, n: 5, warmup: 1, fn: () => void fn() });
}
