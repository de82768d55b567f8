import { LedgerBuilder } from "./_ledger.ts";
import type { ExitReason, TradeLedger } from "./types.ts";

/**
 * A trade ledger with no rows (every column empty), e.g. for {@linkcode computeStats} on an
 * equity curve without trades.
 *
 * @example
 * ```ts
 * import { emptyTradeLedger } from "@quantbook/sdk/backtest";
 * emptyTradeLedger().pnl.length; // 0
 * ```
 */
export function emptyTradeLedger(): TradeLedger {
  return new LedgerBuilder(0).build();
}

/**
 * One trade of the ledger as an object (see {@linkcode tradeRows}).
 *
 * @example
 * ```ts
 * import type { TradeRow } from "@quantbook/sdk/backtest";
 * const label = (t: TradeRow) => `${t.size > 0 ? "long" : "short"} ${t.returnPct.toFixed(2)} %`;
 * ```
 */
export interface TradeRow {
  /** Bar index of the entry fill. */
  entryIndex: number;
  /** Bar index of the exit fill. */
  exitIndex: number;
  /** Entry bar time, ISO-8601 UTC. */
  entryTime: string;
  /** Exit bar time, ISO-8601 UTC. */
  exitTime: string;
  /** Entry fill price. */
  entryPrice: number;
  /** Exit fill price. */
  exitPrice: number;
  /** Signed size in units. */
  size: number;
  /** Commissions of both fills. */
  fees: number;
  /** Slippage and spread cost of both fills. */
  slippage: number;
  /** Net profit or loss. */
  pnl: number;
  /** Net return on the entry notional, in percent. */
  returnPct: number;
  /** Bars between the fills. */
  durationBars: number;
  /** Why the trade was closed. */
  exitReason: ExitReason;
}

/**
 * The columnar ledger as one object per trade, with times as ISO strings: handy for
 * `console.table` in a notebook. Keep the columns for computation.
 *
 * @example
 * ```ts
 * import { backtest, tradeRows } from "@quantbook/sdk/backtest";
 * const close = new Float64Array([10, 11, 12]);
 * const bars = {
 *   timestamp: new Float64Array([0, 86_400e6, 172_800e6]),
 *   open: close, high: close, low: close, close,
 *   volume: new Float64Array(3),
 * };
 * console.table(tradeRows(backtest(bars, new Float64Array([1, NaN, NaN])).trades));
 * ```
 */
export function tradeRows(ledger: TradeLedger): TradeRow[] {
  const iso = (us: number) => new Date(us / 1000).toISOString();
  return Array.from(ledger.pnl, (_, k) => ({
    entryIndex: ledger.entryIndex[k],
    exitIndex: ledger.exitIndex[k],
    entryTime: iso(ledger.entryTime[k]),
    exitTime: iso(ledger.exitTime[k]),
    entryPrice: ledger.entryPrice[k],
    exitPrice: ledger.exitPrice[k],
    size: ledger.size[k],
    fees: ledger.fees[k],
    slippage: ledger.slippage[k],
    pnl: ledger.pnl[k],
    returnPct: ledger.returnPct[k],
    durationBars: ledger.durationBars[k],
    exitReason: ledger.exitReason[k],
  }));
}
