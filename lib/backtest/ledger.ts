import { LedgerBuilder } from "./_ledger.ts";
import type { TradeLedger } from "./types.ts";

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
