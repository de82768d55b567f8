import { toUtcDay } from "./_date.ts";

/** Default datasets endpoint of Tardis.dev. */
export const TARDIS_DATASETS_ENDPOINT = "https://datasets.tardis.dev/v1";

/**
 * Where one day of one data type lives.
 *
 * @example
 * ```ts
 * import type { TardisDatasetRef } from "@quantbook/sdk/tardis";
 * const ref: TardisDatasetRef = {
 *   exchange: "binance-futures",
 *   dataType: "trades",
 *   date: "2024-03-01",
 *   symbol: "BTCUSDT",
 * };
 * ```
 */
export interface TardisDatasetRef {
  /** Exchange id, e.g. `binance-futures`, `deribit`, `bitmex`, `okex-swap` (no `okx`). */
  exchange: string;
  /** Data type, e.g. `trades`, `book_snapshot_25`, `derivative_ticker`. */
  dataType: string;
  /** UTC day as `"YYYY-MM-DD"` or a `Date`. */
  date: string | Date;
  /** Exchange symbol (`BTCUSDT`, `BTC-PERPETUAL`) or a group (`PERPETUALS`, `SPOT`, ...). */
  symbol: string;
}

/**
 * The symbol as it appears in dataset paths and cache names: upper-cased, `/` and `:`
 * replaced by `-`.
 *
 * @example
 * ```ts
 * import { tardisSymbolSlug } from "@quantbook/sdk/tardis";
 * tardisSymbolSlug("btc/usdt:usdt"); // "BTC-USDT-USDT"
 * ```
 */
export function tardisSymbolSlug(symbol: string): string {
  if (typeof symbol !== "string" || symbol.trim() === "") {
    throw new TypeError(
      `symbol: expected a non-empty string like "BTCUSDT", got ${String(symbol)}.`,
    );
  }
  return symbol.toUpperCase().replace(/[/:]/g, "-");
}

function checkSegment(name: string, value: string): void {
  if (typeof value !== "string" || !/^[A-Za-z0-9_.-]+$/.test(value)) {
    throw new TypeError(
      `${name}: ${JSON.stringify(value)} is not a valid Tardis id (letters, digits, "-", "_").`,
    );
  }
}

/**
 * URL of one day's gzipped CSV:
 * `{endpoint}/{exchange}/{dataType}/{YYYY}/{MM}/{DD}/{SYMBOL}.csv.gz`.
 *
 * @example
 * ```ts
 * import { tardisDatasetUrl } from "@quantbook/sdk/tardis";
 * tardisDatasetUrl({ exchange: "deribit", dataType: "trades", date: "2020-03-01", symbol: "BTC-PERPETUAL" });
 * // "https://datasets.tardis.dev/v1/deribit/trades/2020/03/01/BTC-PERPETUAL.csv.gz"
 * ```
 */
export function tardisDatasetUrl(
  ref: TardisDatasetRef,
  endpoint: string = TARDIS_DATASETS_ENDPOINT,
): string {
  checkSegment("exchange", ref.exchange);
  checkSegment("dataType", ref.dataType);
  const day = toUtcDay(ref.date);
  const mm = String(day.month).padStart(2, "0");
  const dd = String(day.day).padStart(2, "0");
  const symbol = encodeURIComponent(tardisSymbolSlug(ref.symbol));
  return `${
    endpoint.replace(/\/+$/, "")
  }/${ref.exchange}/${ref.dataType}/${day.year}/${mm}/${dd}/${symbol}.csv.gz`;
}

/**
 * Cache file name used by the official clients:
 * `{exchange}_{dataType}_{YYYY-MM-DD}_{SYMBOL}.csv.gz`.
 *
 * @example
 * ```ts
 * import { tardisCacheFileName } from "@quantbook/sdk/tardis";
 * tardisCacheFileName({ exchange: "bitmex", dataType: "trades", date: "2020-03-01", symbol: "XBTUSD" });
 * // "bitmex_trades_2020-03-01_XBTUSD.csv.gz"
 * ```
 */
export function tardisCacheFileName(ref: TardisDatasetRef): string {
  checkSegment("exchange", ref.exchange);
  checkSegment("dataType", ref.dataType);
  const day = toUtcDay(ref.date);
  return `${ref.exchange}_${ref.dataType}_${day.iso}_${tardisSymbolSlug(ref.symbol)}.csv.gz`;
}
