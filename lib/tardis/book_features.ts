import type { Table } from "../series/types.ts";
import { numberColumn } from "./_columns_of.ts";

/**
 * Order-book features, one value per snapshot row.
 *
 * @example
 * ```ts
 * import type { BookFeatures } from "@quantbook/sdk/tardis";
 * function last(f: BookFeatures) {
 *   return f.microprice[f.microprice.length - 1];
 * }
 * ```
 */
export interface BookFeatures {
  /** Snapshot time (the table's `timestamp`). */
  timestamp: Float64Array;
  /** (best ask + best bid) / 2. */
  mid: Float64Array;
  /** best ask - best bid. */
  spread: Float64Array;
  /** spread / mid in basis points. */
  spreadBps: Float64Array;
  /** Size-weighted mid: (ask x bidSize + bid x askSize) / (bidSize + askSize). */
  microprice: Float64Array;
  /** Sum of bid sizes over the first `levels` levels. */
  bidDepth: Float64Array;
  /** Sum of ask sizes over the first `levels` levels. */
  askDepth: Float64Array;
  /** (bidDepth - askDepth) / (bidDepth + askDepth), in [-1, 1]. */
  depthImbalance: Float64Array;
}

/**
 * Options of {@linkcode bookFeatures}.
 *
 * @example
 * ```ts
 * import type { BookFeaturesOptions } from "@quantbook/sdk/tardis";
 * const opts: BookFeaturesOptions = { levels: 10 };
 * ```
 */
export interface BookFeaturesOptions {
  /** Levels per side summed into the depths (default 5; capped by the table's levels). */
  levels?: number;
}

/**
 * Mid, spread, microprice and depth imbalance from order-book snapshots: a
 * `book_snapshot_25`/`book_snapshot_5` table, the output of {@linkcode bookSnapshotsFromL2},
 * or a `quotes`/`book_ticker` table (one level). Missing levels (NaN) are skipped in the
 * depths; a side without any level gives NaN.
 *
 * @example
 * ```ts
 * import { bookFeatures } from "@quantbook/sdk/tardis";
 * const quotes = {
 *   timestamp: new Float64Array([1]),
 *   ask_price: new Float64Array([101]),
 *   ask_amount: new Float64Array([1]),
 *   bid_price: new Float64Array([99]),
 *   bid_amount: new Float64Array([3]),
 * };
 * const f = bookFeatures(quotes);
 * f.mid; // [100]
 * f.microprice; // [100.5]  (more bid size pushes the fair price towards the ask)
 * f.depthImbalance; // [0.5]
 * ```
 */
export function bookFeatures(snapshots: Table, options: BookFeaturesOptions = {}): BookFeatures {
  const what = "bookFeatures";
  const requested = options.levels ?? 5;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new RangeError(`${what}: levels must be a positive integer (got ${requested}).`);
  }
  const isQuotes = snapshots["asks[0].price"] === undefined && snapshots.ask_price !== undefined;
  const askPrices: Float64Array[] = [];
  const askAmounts: Float64Array[] = [];
  const bidPrices: Float64Array[] = [];
  const bidAmounts: Float64Array[] = [];
  if (isQuotes) {
    askPrices.push(numberColumn(snapshots, "ask_price", what));
    askAmounts.push(numberColumn(snapshots, "ask_amount", what));
    bidPrices.push(numberColumn(snapshots, "bid_price", what));
    bidAmounts.push(numberColumn(snapshots, "bid_amount", what));
  } else {
    for (let level = 0; level < requested; level++) {
      if (snapshots[`asks[${level}].price`] === undefined) break;
      askPrices.push(numberColumn(snapshots, `asks[${level}].price`, what));
      askAmounts.push(numberColumn(snapshots, `asks[${level}].amount`, what));
      bidPrices.push(numberColumn(snapshots, `bids[${level}].price`, what));
      bidAmounts.push(numberColumn(snapshots, `bids[${level}].amount`, what));
    }
    if (askPrices.length === 0) {
      throw new TypeError(
        `${what}: no "asks[0].price" or "ask_price" column; pass book_snapshot_N, quotes or ` +
          `bookSnapshotsFromL2 output.`,
      );
    }
  }
  const n = askPrices[0].length;
  const timestamp = snapshots.timestamp instanceof Float64Array
    ? snapshots.timestamp.slice()
    : new Float64Array(n).fill(NaN);
  const mid = new Float64Array(n);
  const spread = new Float64Array(n);
  const spreadBps = new Float64Array(n);
  const microprice = new Float64Array(n);
  const bidDepth = new Float64Array(n);
  const askDepth = new Float64Array(n);
  const depthImbalance = new Float64Array(n);
  const levels = askPrices.length;
  for (let i = 0; i < n; i++) {
    const ask = askPrices[0][i];
    const bid = bidPrices[0][i];
    const askSize = askAmounts[0][i];
    const bidSize = bidAmounts[0][i];
    mid[i] = (ask + bid) / 2;
    spread[i] = ask - bid;
    spreadBps[i] = (spread[i] / mid[i]) * 1e4;
    microprice[i] = (ask * bidSize + bid * askSize) / (bidSize + askSize);
    let bids = NaN;
    let asks = NaN;
    for (let level = 0; level < levels; level++) {
      const b = bidAmounts[level][i];
      const a = askAmounts[level][i];
      if (b === b) bids = bids === bids ? bids + b : b;
      if (a === a) asks = asks === asks ? asks + a : a;
    }
    bidDepth[i] = bids;
    askDepth[i] = asks;
    depthImbalance[i] = (bids - asks) / (bids + asks);
  }
  return { timestamp, mid, spread, spreadBps, microprice, bidDepth, askDepth, depthImbalance };
}
