/**
 * Shared data-model types: numeric series are `Float64Array` (NaN = missing), time is epoch
 * microseconds UTC, a table is a plain object of equal-length columns.
 *
 * @module
 */

/**
 * A columnar table: equal-length columns, numeric ones as `Float64Array`, text as `string[]`.
 *
 * @example
 * ```ts
 * import type { Table } from "@quantbook/sdk/series";
 * const t: Table = { timestamp: new Float64Array([0, 1]), symbol: ["BTC", "BTC"] };
 * ```
 */
export type Table = Record<string, Float64Array | string[]>;

/**
 * OHLCV bars: `timestamp` in epoch microseconds (UTC), prices and volume as `Float64Array`,
 * plus any optional extra numeric columns.
 *
 * @example
 * ```ts
 * import type { Bars } from "@quantbook/sdk/series";
 * const bars: Bars = {
 *   timestamp: new Float64Array([0, 60e6]),
 *   open: new Float64Array([1, 2]),
 *   high: new Float64Array([2, 3]),
 *   low: new Float64Array([1, 2]),
 *   close: new Float64Array([2, 3]),
 *   volume: new Float64Array([10, 12]),
 * };
 * ```
 */
export interface Bars {
  /** Bar time, epoch microseconds UTC. */
  timestamp: Float64Array;
  /** Opening price. */
  open: Float64Array;
  /** Highest price. */
  high: Float64Array;
  /** Lowest price. */
  low: Float64Array;
  /** Closing price. */
  close: Float64Array;
  /** Traded volume. */
  volume: Float64Array;
  /** Optional extra numeric columns (buyVolume, vwap, trades, ...). */
  [column: string]: Float64Array;
}

/**
 * Options shared by rolling window functions.
 *
 * @example
 * ```ts
 * import { rollingMean, type RollingOptions } from "@quantbook/sdk/series";
 * const opts: RollingOptions = { minPeriods: 2 };
 * rollingMean(new Float64Array([1, 2, 3]), 3, opts);
 * ```
 */
export interface RollingOptions {
  /**
   * Minimum number of non-NaN values in the window to produce a value (default: the window
   * length, like pandas). With `minPeriods < window`, NaNs inside the window are skipped.
   */
  minPeriods?: number;
}
