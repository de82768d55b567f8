import { assertSeries, assertWindow } from "../series/_validate.ts";
import { seededSmoothing } from "./_smoothing.ts";

/** MACD lines, each aligned with the input. */
export interface MacdResult {
  /** `ema(close, fast) - ema(close, slow)`. */
  macd: Float64Array;
  /** EMA of `macd` over `signal`, seeded with the mean of its first `signal` valid values. */
  signal: Float64Array;
  /** `macd - signal`. */
  histogram: Float64Array;
}

/**
 * Moving Average Convergence Divergence: `macd = ema(close, fast) - ema(close, slow)` (both
 * SMA-seeded, see {@link ema}), `signal = ema(macd, signal)` seeded with the mean of the
 * first `signal` valid MACD values, `histogram = macd - signal`. Without NaN, `macd` starts
 * at index `slow - 1` and `signal`/`histogram` at `slow + signal - 2`.
 *
 * @param close Closing prices.
 * @param fast Fast EMA span (integer >= 1, default 12, less than `slow`).
 * @param slow Slow EMA span (integer, default 26).
 * @param signal Signal EMA span (integer >= 1, default 9).
 * @returns `{ macd, signal, histogram }`, each the length of `close`.
 *
 * @example
 * ```ts
 * import { macd } from "@quantbook/sdk/factors";
 * const close = new Float64Array(60).map((_, i) => 100 + Math.sin(i / 5));
 * const { macd: line, signal, histogram } = macd(close); // 12 / 26 / 9
 * ```
 */
export function macd(close: Float64Array, fast = 12, slow = 26, signal = 9): MacdResult {
  assertSeries("close", close);
  assertWindow("fast", fast);
  assertWindow("slow", slow);
  assertWindow("signal", signal);
  if (fast >= slow) {
    throw new RangeError(
      `fast (${fast}) must be smaller than slow (${slow}); the usual choice is 12 and 26`,
    );
  }
  const fastLine = seededSmoothing(close, fast, 2 / (fast + 1));
  const slowLine = seededSmoothing(close, slow, 2 / (slow + 1));
  const len = close.length;
  const line = new Float64Array(len);
  for (let i = 0; i < len; i++) line[i] = fastLine[i] - slowLine[i];
  const signalLine = seededSmoothing(line, signal, 2 / (signal + 1));
  const histogram = new Float64Array(len);
  for (let i = 0; i < len; i++) histogram[i] = line[i] - signalLine[i];
  return { macd: line, signal: signalLine, histogram };
}
