import { asOfValues } from "../series/mod.ts";
import type { Table } from "../series/types.ts";
import { assertSingleSymbol, numberColumn } from "./_columns_of.ts";

/**
 * Options of {@linkcode alignDerivativeTicker}.
 *
 * @example
 * ```ts
 * import type { AlignDerivativeTickerOptions } from "@quantbook/sdk/tardis";
 * const opts: AlignDerivativeTickerOptions = { columns: ["funding_rate"], latencyUs: 1_000_000 };
 * ```
 */
export interface AlignDerivativeTickerOptions {
  /**
   * Ticker columns to align (default `funding_rate`, `predicted_funding_rate`,
   * `open_interest`, `mark_price`, `index_price`, `last_price`, `funding_timestamp`; absent
   * ones are skipped).
   */
  columns?: readonly string[];
  /** Extra delay in µs before a ticker value may be seen by a bar (default 0). */
  latencyUs?: number;
  /** Ticker clock (default `"local_timestamp"`: when the value was known). */
  timeColumn?: string;
}

const DEFAULT_COLUMNS = [
  "funding_rate",
  "predicted_funding_rate",
  "open_interest",
  "mark_price",
  "index_price",
  "last_price",
  "funding_timestamp",
];

/**
 * Aligns `derivative_ticker` values (funding rate, open interest, mark/index price) to bar
 * times with the series `asOf` join: each bar gets, per column, the last non-missing value
 * whose time is <= bar time - `latencyUs` (NaN before the first). Nothing from after a bar's
 * close leaks into it.
 *
 * @example
 * ```ts
 * import { alignDerivativeTicker } from "@quantbook/sdk/tardis";
 * const ticker = {
 *   local_timestamp: new Float64Array([10, 20, 30]),
 *   funding_rate: new Float64Array([0.0001, NaN, 0.0002]),
 *   open_interest: new Float64Array([5, 6, 7]),
 * };
 * const aligned = alignDerivativeTicker(ticker, new Float64Array([5, 25, 40]));
 * aligned.funding_rate; // [NaN, 0.0001, 0.0002]
 * aligned.open_interest; // [NaN, 6, 7]
 * ```
 */
export function alignDerivativeTicker(
  ticker: Table,
  barTimes: Float64Array,
  options: AlignDerivativeTickerOptions = {},
): Record<string, Float64Array> {
  const what = "alignDerivativeTicker";
  assertSingleSymbol(ticker, what);
  const time = numberColumn(ticker, options.timeColumn ?? "local_timestamp", what);
  const names = options.columns ?? DEFAULT_COLUMNS.filter((c) => ticker[c] !== undefined);
  const out: Record<string, Float64Array> = {};
  for (const name of names) {
    const values = numberColumn(ticker, name, what);
    let count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] === values[i]) count++;
    const eventTimes = new Float64Array(count);
    const eventValues = new Float64Array(count);
    for (let i = 0, k = 0; i < values.length; i++) {
      if (values[i] === values[i]) {
        eventTimes[k] = time[i];
        eventValues[k++] = values[i];
      }
    }
    out[name] = asOfValues(barTimes, eventTimes, eventValues, { latencyUs: options.latencyUs });
  }
  return out;
}

/**
 * Funding settlements.
 *
 * @example
 * ```ts
 * import type { FundingSettlements } from "@quantbook/sdk/tardis";
 * const s: FundingSettlements = { timestamp: new Float64Array([28800e6]), rate: new Float64Array([1e-4]) };
 * ```
 */
export interface FundingSettlements {
  /** Settlement times (the `funding_timestamp` that passed), epoch µs. */
  timestamp: Float64Array;
  /** Funding rate applied at that settlement (the last one announced before it). */
  rate: Float64Array;
}

/**
 * Funding settlements from `derivative_ticker` rows: whenever `funding_timestamp` moves
 * forward, the previous one settled at the last `funding_rate` seen before the move (every
 * 8 hours on most perpetuals). Longs pay `rate x notional` at each settlement.
 *
 * @example
 * ```ts
 * import { fundingSettlements } from "@quantbook/sdk/tardis";
 * const h8 = 8 * 3600e6;
 * const s = fundingSettlements({
 *   funding_timestamp: new Float64Array([h8, h8, 2 * h8]),
 *   funding_rate: new Float64Array([0.0001, 0.00012, 0.0003]),
 * });
 * s.timestamp; // [h8]
 * s.rate; // [0.00012]
 * ```
 */
export function fundingSettlements(ticker: Table): FundingSettlements {
  const what = "fundingSettlements";
  assertSingleSymbol(ticker, what);
  const next = numberColumn(ticker, "funding_timestamp", what);
  const rate = numberColumn(ticker, "funding_rate", what);
  const times: number[] = [];
  const rates: number[] = [];
  let current = NaN;
  let lastRate = NaN;
  for (let i = 0; i < next.length; i++) {
    const f = next[i];
    if (f === f) {
      if (current === current && f > current && lastRate === lastRate) {
        times.push(current);
        rates.push(lastRate);
      }
      if (!(f <= current)) current = f;
    }
    if (rate[i] === rate[i]) lastRate = rate[i];
  }
  return { timestamp: Float64Array.from(times), rate: Float64Array.from(rates) };
}
