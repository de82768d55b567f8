import type { TardisDataType } from "./types.ts";

/** How a CSV column is stored. */
export const enum ColumnKind {
  /** Float64Array, empty cell = NaN. */
  Number = 0,
  /** string[] with interned values (exchange, symbol, side, ...). */
  Interned = 1,
  /** string[] with a fresh string per row (ids). */
  Unique = 2,
  /** Float64Array of 1/0 from `true`/`false` (NaN when empty). */
  Boolean = 3,
  /** Not stored. */
  Skip = 4,
}

const INTERNED = new Set(["exchange", "symbol", "side", "type", "underlying_index"]);
const UNIQUE = new Set(["id"]);
const BOOLEAN = new Set(["is_snapshot"]);

/** Storage kind of a column, from its header name. */
export function columnKind(name: string): ColumnKind {
  if (INTERNED.has(name)) return ColumnKind.Interned;
  if (UNIQUE.has(name)) return ColumnKind.Unique;
  if (BOOLEAN.has(name)) return ColumnKind.Boolean;
  return ColumnKind.Number;
}

const PREFIX = ["exchange", "symbol", "timestamp", "local_timestamp"];

function bookSnapshotHeader(levels: number): string[] {
  const header = [...PREFIX];
  for (let i = 0; i < levels; i++) {
    header.push(`asks[${i}].price`, `asks[${i}].amount`, `bids[${i}].price`, `bids[${i}].amount`);
  }
  return header;
}

const QUOTES = [...PREFIX, "ask_amount", "ask_price", "bid_price", "bid_amount"];

/** The official CSV header of each data type. */
export const TARDIS_HEADERS: Readonly<Record<TardisDataType, readonly string[]>> = {
  trades: [...PREFIX, "id", "side", "price", "amount"],
  liquidations: [...PREFIX, "id", "side", "price", "amount"],
  incremental_book_L2: [...PREFIX, "is_snapshot", "side", "price", "amount"],
  book_snapshot_25: bookSnapshotHeader(25),
  book_snapshot_5: bookSnapshotHeader(5),
  quotes: QUOTES,
  book_ticker: QUOTES,
  derivative_ticker: [
    ...PREFIX,
    "funding_timestamp",
    "funding_rate",
    "predicted_funding_rate",
    "open_interest",
    "last_price",
    "index_price",
    "mark_price",
  ],
  options_chain: [
    ...PREFIX,
    "type",
    "strike_price",
    "expiration",
    "open_interest",
    "last_price",
    "bid_price",
    "bid_amount",
    "bid_iv",
    "ask_price",
    "ask_amount",
    "ask_iv",
    "mark_price",
    "mark_iv",
    "underlying_index",
    "underlying_price",
    "delta",
    "gamma",
    "vega",
    "theta",
    "rho",
  ],
};

/** True when `dataType` is one of the known Tardis CSV data types. */
export function isTardisDataType(dataType: string): dataType is TardisDataType {
  return Object.hasOwn(TARDIS_HEADERS, dataType);
}
