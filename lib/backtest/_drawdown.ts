/**
 * Drawdown episodes of an equity curve, aggregated. An episode runs from a bar at a new high
 * (drawdown 0) to the next bar at a new high, or to the last bar when equity has not
 * recovered; bars strictly between them are under water. This is backtesting.py's definition.
 */
export interface DrawdownSummary {
  /** Number of episodes. */
  count: number;
  /** Deepest drawdown overall, as a positive fraction. */
  max: number;
  /** Highest equity. */
  peak: number;
  /** Sum over episodes of each episode's deepest drawdown (positive fractions). */
  depthSum: number;
  /** Longest episode in bars (end index - start index). */
  maxBars: number;
  /** Longest episode in timestamp units (end time - start time). */
  maxSpan: number;
  /** Sum of the episodes' lengths in timestamp units. */
  spanSum: number;
  /** Longest episode in timestamp units, rounded up to `roundTo`. */
  roundedMaxSpan: number;
}

/** Summarizes the drawdown episodes of `equity` (timestamps in any unit). */
export function drawdownSummary(
  equity: Float64Array,
  time: Float64Array,
  roundTo: number,
): DrawdownSummary {
  const n = equity.length;
  const out: DrawdownSummary = {
    count: 0,
    max: 0,
    peak: -Infinity,
    depthSum: 0,
    maxBars: 0,
    maxSpan: 0,
    spanSum: 0,
    roundedMaxSpan: 0,
  };
  let peak = -Infinity;
  let prev = -1;
  let deepest = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    const dd = 1 - e / peak;
    if (dd > deepest) deepest = dd;
    if (dd === 0 || i === n - 1) {
      if (prev >= 0 && i > prev + 1) {
        const span = time[i] - time[prev];
        const rounded = Math.ceil(span / roundTo) * roundTo;
        out.count++;
        out.depthSum += deepest;
        if (deepest > out.max) out.max = deepest;
        if (i - prev > out.maxBars) out.maxBars = i - prev;
        if (span > out.maxSpan) out.maxSpan = span;
        if (rounded > out.roundedMaxSpan) out.roundedMaxSpan = rounded;
        out.spanSum += span;
      }
      prev = i;
      deepest = 0;
    }
  }
  out.peak = peak;
  return out;
}
