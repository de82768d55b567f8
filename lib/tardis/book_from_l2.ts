import type { Table } from "../series/types.ts";
import { BookSide } from "./_book_side.ts";
import { assertSingleSymbol, intervalMicros, numberColumn, stringColumn } from "./_columns_of.ts";

/**
 * Options of {@linkcode bookSnapshotsFromL2}.
 *
 * @example
 * ```ts
 * import type { BookSnapshotsFromL2Options } from "@quantbook/sdk/tardis";
 * const opts: BookSnapshotsFromL2Options = { interval: "1s", levels: 10 };
 * ```
 */
export interface BookSnapshotsFromL2Options {
  /** Snapshot spacing: µs or `"100ms"`, `"1s"`, `"1m"`...; aligned to the epoch. */
  interval: string | number;
  /** Levels per side in the output (default 25). */
  levels?: number;
  /**
   * Clock of the updates (default `"local_timestamp"`, the arrival time: monotone in Tardis
   * files and free of look-ahead).
   */
  timeColumn?: string;
}

/**
 * Reconstructs order-book snapshots on a regular time grid from `incremental_book_L2`
 * updates, in the `book_snapshot_N` layout (`timestamp`, `local_timestamp`,
 * `asks[i].price`, `asks[i].amount`, `bids[i].price`, `bids[i].amount`; NaN for missing
 * levels) so the factors `bookFeatures` reads both. Rules from Tardis: `amount` is the new
 * absolute size and 0 deletes the level; rows before the first snapshot are skipped; a
 * switch back to snapshot rows resets the book. A snapshot at grid time T holds every
 * update with time <= T; grid times run from the first snapshot to the last update.
 *
 * @example
 * ```ts
 * import { bookSnapshotsFromL2 } from "@quantbook/sdk/tardis";
 * const l2 = {
 *   local_timestamp: new Float64Array([0, 0, 1.5e6]),
 *   is_snapshot: new Float64Array([1, 1, 0]),
 *   side: ["bid", "ask", "bid"],
 *   price: new Float64Array([99, 101, 100]),
 *   amount: new Float64Array([2, 3, 1]),
 * };
 * const book = bookSnapshotsFromL2(l2, { interval: "1s", levels: 1 });
 * book["bids[0].price"]; // Float64Array [99, 99]   (at 0 s and 1 s)
 * ```
 */
export function bookSnapshotsFromL2(l2: Table, options: BookSnapshotsFromL2Options): Table {
  const what = "bookSnapshotsFromL2";
  const interval = intervalMicros(options.interval);
  const levels = options.levels ?? 25;
  if (!Number.isInteger(levels) || levels < 1 || levels > 1000) {
    throw new RangeError(`${what}: levels must be an integer in [1, 1000] (got ${levels}).`);
  }
  assertSingleSymbol(l2, what);
  const time = numberColumn(l2, options.timeColumn ?? "local_timestamp", what);
  const snapshot = numberColumn(l2, "is_snapshot", what);
  const price = numberColumn(l2, "price", what);
  const amount = numberColumn(l2, "amount", what);
  const side = stringColumn(l2, "side", what);
  if (side === undefined) throw new TypeError(`${what}: the table needs a "side" column.`);
  const n = price.length;
  const bids = new BookSide("bid");
  const asks = new BookSide("ask");
  const times: number[] = [];
  const columns: number[][] = Array.from({ length: levels * 4 }, () => []);
  const emit = (at: number) => {
    times.push(at);
    for (let level = 0; level < levels; level++) {
      columns[level * 4].push(asks.price(level));
      columns[level * 4 + 1].push(asks.amount(level));
      columns[level * 4 + 2].push(bids.price(level));
      columns[level * 4 + 3].push(bids.amount(level));
    }
  };
  let started = false;
  let inSnapshot = false;
  let boundary = NaN;
  let previousTime = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!(t >= previousTime)) {
      throw new RangeError(
        `${what}: ${options.timeColumn ?? "local_timestamp"} decreases at row ${i}; updates ` +
          `must be in file order.`,
      );
    }
    previousTime = t;
    const isSnapshot = snapshot[i] === 1;
    if (!started) {
      if (!isSnapshot) continue;
      started = true;
      boundary = Math.ceil(t / interval) * interval;
    }
    while (boundary < t) {
      emit(boundary);
      boundary += interval;
    }
    if (isSnapshot && !inSnapshot) {
      bids.clear();
      asks.clear();
    }
    inSnapshot = isSnapshot;
    const s = side[i];
    if (s === "bid" || s === "buy") bids.set(price[i], amount[i]);
    else if (s === "ask" || s === "sell") asks.set(price[i], amount[i]);
    else {
      throw new RangeError(`${what}: row ${i} has side "${s}"; expected "bid" or "ask".`);
    }
  }
  if (started && boundary <= previousTime) emit(boundary);
  const out: Table = {};
  const exchange = stringColumn(l2, "exchange", what);
  const symbol = stringColumn(l2, "symbol", what);
  if (exchange !== undefined && exchange.length > 0) out.exchange = times.map(() => exchange[0]);
  if (symbol !== undefined && symbol.length > 0) out.symbol = times.map(() => symbol[0]);
  out.timestamp = Float64Array.from(times);
  out.local_timestamp = Float64Array.from(times);
  for (let level = 0; level < levels; level++) {
    out[`asks[${level}].price`] = Float64Array.from(columns[level * 4]);
    out[`asks[${level}].amount`] = Float64Array.from(columns[level * 4 + 1]);
    out[`bids[${level}].price`] = Float64Array.from(columns[level * 4 + 2]);
    out[`bids[${level}].amount`] = Float64Array.from(columns[level * 4 + 3]);
  }
  return out;
}
