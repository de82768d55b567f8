/**
 * Drawdown episodes of an equity curve. An episode runs from a bar at a new high (drawdown
 * 0) to the next bar at a new high, or to the last bar when equity has not recovered; bars
 * strictly between them are under water. This is backtesting.py's definition.
 */
export interface DrawdownEpisodes {
  /** Deepest drawdown of each episode, as a positive fraction. */
  depth: number[];
  /** Length of each episode in bars (end index - start index). */
  bars: number[];
  /** Length of each episode in timestamp units (end time - start time). */
  span: number[];
  /** Deepest drawdown overall, as a positive fraction. */
  max: number;
}

/** Finds the drawdown episodes of `equity` (timestamps in any unit). */
export function drawdownEpisodes(equity: Float64Array, time: Float64Array): DrawdownEpisodes {
  const n = equity.length;
  const out: DrawdownEpisodes = { depth: [], bars: [], span: [], max: 0 };
  let peak = -Infinity;
  let prev = -1;
  let deepest = 0;
  for (let i = 0; i < n; i++) {
    if (equity[i] > peak) peak = equity[i];
    const dd = 1 - equity[i] / peak;
    if (dd > deepest) deepest = dd;
    if (dd > out.max) out.max = dd;
    if (dd === 0 || i === n - 1) {
      if (prev >= 0 && i > prev + 1) {
        out.depth.push(deepest);
        out.bars.push(i - prev);
        out.span.push(time[i] - time[prev]);
      }
      prev = i;
      deepest = 0;
    }
  }
  return out;
}
