/**
 * Rolling windows on 10,000,000 points with windows 20 and 5,000 (mean, std, z-score, rank).
 * Peer: tests/bench/rolling_peer.py (pandas rolling on the same data); compare with
 * `deno run -A tests/bench/compare.ts rolling`.
 */
import { rollingMean, rollingRank, rollingStd, rollingZscore } from "../../lib/series/mod.ts";
import { benchSeries } from "./_data.ts";

const N = 10_000_000;
const x = benchSeries(N);

for (const w of [20, 5000]) {
  const group = `w=${w}`;
  Deno.bench({
    name: `rollingMean w=${w}`,
    group,
    n: 5,
    warmup: 1,
    fn: () => void rollingMean(x, w),
  });
  Deno.bench({
    name: `rollingStd w=${w}`,
    group,
    n: 5,
    warmup: 1,
    fn: () => void rollingStd(x, w),
  });
  Deno.bench({
    name: `rollingZscore w=${w}`,
    group,
    n: 5,
    warmup: 1,
    fn: () => void rollingZscore(x, w),
  });
  Deno.bench({
    name: `rollingRank w=${w}`,
    group,
    n: 2,
    warmup: 1,
    fn: () => void rollingRank(x, w),
  });
}
