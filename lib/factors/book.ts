import type { Table } from "../series/mod.ts";
import { assertSameLength, assertSeries, assertWindow } from "../series/_validate.ts";

/**
 * Quoted spread: `ask - bid` per snapshot (NaN where a side is missing).
 *
 * @param bidPrice Best bid price.
 * @param askPrice Best ask price.
 * @returns The spread in price units, same length as the inputs.
 *
 * @example
 * ```ts
 * import { bookSpread } from "@quantbook/sdk/factors";
 * bookSpread(new Float64Array([99.5]), new Float64Array([100.5])); // [1]
 * ```
 */
export function bookSpread(bidPrice: Float64Array, askPrice: Float64Array): Float64Array {
  checkQuotes(bidPrice, askPrice);
  const out = new Float64Array(bidPrice.length);
  for (let i = 0; i < out.length; i++) out[i] = askPrice[i] - bidPrice[i];
  return out;
}

/**
 * Mid price: `(bid + ask) / 2` per snapshot.
 *
 * @param bidPrice Best bid price.
 * @param askPrice Best ask price.
 * @returns The mid price, same length as the inputs.
 *
 * @example
 * ```ts
 * import { midPrice } from "@quantbook/sdk/factors";
 * midPrice(new Float64Array([99.5]), new Float64Array([100.5])); // [100]
 * ```
 */
export function midPrice(bidPrice: Float64Array, askPrice: Float64Array): Float64Array {
  checkQuotes(bidPrice, askPrice);
  const out = new Float64Array(bidPrice.length);
  for (let i = 0; i < out.length; i++) out[i] = (bidPrice[i] + askPrice[i]) / 2;
  return out;
}

/**
 * Microprice: the mid weighted towards the side with less size (where the price is more
 * likely to move), `(bid * askAmount + ask * bidAmount) / (bidAmount + askAmount)`. NaN when
 * both sizes are 0.
 *
 * @param bidPrice Best bid price.
 * @param bidAmount Size at the best bid.
 * @param askPrice Best ask price.
 * @param askAmount Size at the best ask.
 * @returns The microprice, same length as the inputs.
 *
 * @example
 * ```ts
 * import { microprice } from "@quantbook/sdk/factors";
 * microprice(
 *   new Float64Array([99]),
 *   new Float64Array([3]),
 *   new Float64Array([101]),
 *   new Float64Array([1]),
 * ); // [100.5]: heavy bids push the fair price towards the ask
 * ```
 */
export function microprice(
  bidPrice: Float64Array,
  bidAmount: Float64Array,
  askPrice: Float64Array,
  askAmount: Float64Array,
): Float64Array {
  checkQuotes(bidPrice, askPrice);
  assertSeries("bidAmount", bidAmount);
  assertSeries("askAmount", askAmount);
  assertSameLength(["bidPrice", "bidAmount", "askAmount"], bidPrice, bidAmount, askAmount);
  const out = new Float64Array(bidPrice.length);
  for (let i = 0; i < out.length; i++) {
    const depth = bidAmount[i] + askAmount[i];
    out[i] = depth === 0 ? NaN : (bidPrice[i] * askAmount[i] + askPrice[i] * bidAmount[i]) / depth;
  }
  return out;
}

/**
 * Depth imbalance: `(bidDepth - askDepth) / (bidDepth + askDepth)` in [-1, 1]; positive when
 * more size rests on the bid. NaN when both depths are 0.
 *
 * @param bidDepth Resting bid size (one level or summed over several).
 * @param askDepth Resting ask size.
 * @returns The imbalance, same length as the inputs.
 *
 * @example
 * ```ts
 * import { depthImbalance } from "@quantbook/sdk/factors";
 * depthImbalance(new Float64Array([3, 0]), new Float64Array([1, 0])); // [0.5, NaN]
 * ```
 */
export function depthImbalance(bidDepth: Float64Array, askDepth: Float64Array): Float64Array {
  assertSeries("bidDepth", bidDepth);
  assertSeries("askDepth", askDepth);
  assertSameLength(["bidDepth", "askDepth"], bidDepth, askDepth);
  const out = new Float64Array(bidDepth.length);
  for (let i = 0; i < out.length; i++) {
    const total = bidDepth[i] + askDepth[i];
    out[i] = total === 0 ? NaN : (bidDepth[i] - askDepth[i]) / total;
  }
  return out;
}

/** Options of {@link bookFeatures}. */
export interface BookFeaturesOptions {
  /**
   * Number of levels summed for the depth imbalance (integer >= 1, default 1: top of book).
   * Needs `bids[j].amount` / `asks[j].amount` columns for every level `j < levels`.
   */
  levels?: number;
}

/** Order-book features per snapshot, each aligned with the table's rows. */
export interface BookFeatures {
  /** `ask - bid` at the top of the book. */
  spread: Float64Array;
  /** `(bid + ask) / 2`. */
  mid: Float64Array;
  /** Spread relative to the mid, in basis points: `1e4 * spread / mid`. */
  spreadBps: Float64Array;
  /** Size-weighted mid (see {@link microprice}). */
  microprice: Float64Array;
  /** Depth imbalance over the first `levels` levels (see {@link depthImbalance}). */
  depthImbalance: Float64Array;
}

/**
 * Spread, mid, spread in bps, microprice and depth imbalance from a book table, as Tardis
 * writes them: `book_snapshot_N` columns `bids[0].price`, `bids[0].amount`, `asks[0].price`,
 * `asks[0].amount`, ... or `quotes` columns `bid_price`, `bid_amount`, `ask_price`,
 * `ask_amount` (one level).
 *
 * @param book A table with numeric book columns (e.g. from `fetchDataset`).
 * @param options `{ levels }` (default 1).
 * @returns The features, each the length of the table.
 *
 * @example
 * ```ts
 * import { bookFeatures } from "@quantbook/sdk/factors";
 * const book = {
 *   "bids[0].price": new Float64Array([99]),
 *   "bids[0].amount": new Float64Array([3]),
 *   "asks[0].price": new Float64Array([101]),
 *   "asks[0].amount": new Float64Array([1]),
 * };
 * bookFeatures(book).microprice; // [100.5]
 * ```
 */
export function bookFeatures(book: Table, options: BookFeaturesOptions = {}): BookFeatures {
  const levels = options.levels ?? 1;
  assertWindow("options.levels", levels);
  const snapshot = "bids[0].price" in book;
  const column = (side: "bid" | "ask", field: "price" | "amount", level: number) => {
    const name = snapshot ? `${side}s[${level}].${field}` : `${side}_${field}`;
    const values = book[name];
    if (!(values instanceof Float64Array)) {
      const hint = snapshot
        ? `the book has fewer than ${levels} levels; lower options.levels`
        : "expected Tardis book_snapshot_N (bids[0].price, ...) or quotes (bid_price, ...) columns";
      throw new TypeError(`book column "${name}" is missing or not numeric: ${hint}`);
    }
    return values;
  };
  if (!snapshot && levels > 1) {
    throw new RangeError(
      `options.levels is ${levels} but a quotes table has one level; use book_snapshot data`,
    );
  }
  const bidPrice = column("bid", "price", 0);
  const askPrice = column("ask", "price", 0);
  const bidAmount = column("bid", "amount", 0);
  const askAmount = column("ask", "amount", 0);
  const spread = bookSpread(bidPrice, askPrice);
  const mid = midPrice(bidPrice, askPrice);
  const spreadBps = new Float64Array(spread.length);
  for (let i = 0; i < spread.length; i++) spreadBps[i] = (1e4 * spread[i]) / mid[i];
  let bidDepth = bidAmount;
  let askDepth = askAmount;
  if (levels > 1) {
    bidDepth = bidAmount.slice();
    askDepth = askAmount.slice();
    for (let level = 1; level < levels; level++) {
      const bids = column("bid", "amount", level);
      const asks = column("ask", "amount", level);
      for (let i = 0; i < bidDepth.length; i++) {
        bidDepth[i] += bids[i];
        askDepth[i] += asks[i];
      }
    }
  }
  return {
    spread,
    mid,
    spreadBps,
    microprice: microprice(bidPrice, bidAmount, askPrice, askAmount),
    depthImbalance: depthImbalance(bidDepth, askDepth),
  };
}

function checkQuotes(bidPrice: Float64Array, askPrice: Float64Array): void {
  assertSeries("bidPrice", bidPrice);
  assertSeries("askPrice", askPrice);
  assertSameLength(["bidPrice", "askPrice"], bidPrice, askPrice);
}
