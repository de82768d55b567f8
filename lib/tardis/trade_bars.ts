import type { Bars, Table } from "../series/types.ts";
import { assertSingleSymbol, intervalMicros, numberColumn, stringColumn } from "./_columns_of.ts";

/**
 * How {@linkcode tradeBars} groups trades: by time bucket, or by a threshold of trades,
 * volume or notional. `timeColumn` defaults to `"timestamp"` (exchange time).
 *
 * @example
 * ```ts
 * import type { TradeBarOptions } from "@quantbook/sdk/tardis";
 * const minute: TradeBarOptions = { by: "time", interval: "1m" };
 * const dollar: TradeBarOptions = { by: "dollar", dollars: 5_000_000 };
 * ```
 */
export type TradeBarOptions =
  & { timeColumn?: string }
  & (
    | {
      by: "time";
      /** Bucket length: µs or `"100ms"`, `"1s"`, `"5m"`, `"1h"`, `"1d"`; aligned to the epoch. */
      interval: string | number;
      /**
       * Keep empty buckets between the first and last trade (default true): OHLC = previous
       * close, volume 0, trades 0, vwap NaN. With false they are dropped.
       */
      fillGaps?: boolean;
    }
    | {
      by: "tick";
      /** Trades per bar. */
      count: number;
      /** Keep the last unfinished bar (default false). */
      includePartial?: boolean;
    }
    | {
      by: "volume";
      /** A bar closes at the trade that brings its volume to at least this. */
      volume: number;
      /** Keep the last unfinished bar (default false). */
      includePartial?: boolean;
    }
    | {
      by: "dollar";
      /** A bar closes at the trade that brings its notional (price x amount) to at least this. */
      dollars: number;
      /** Keep the last unfinished bar (default false). */
      includePartial?: boolean;
    }
  );

const BUY = 1;
const SELL = 2;
const MAX_TIME_BARS = 50_000_000;

interface BarBuffers {
  timestamp: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
  buyVolume: number[];
  sellVolume: number[];
  trades: number[];
  vwap: number[];
}

function sideCodes(trades: Table, n: number): Uint8Array {
  const codes = new Uint8Array(n);
  const side = stringColumn(trades, "side", "tradeBars");
  if (side === undefined) return codes;
  // Parsed tables hold one string object per distinct side: compare by identity first.
  let buy: string | undefined;
  let sell: string | undefined;
  for (let i = 0; i < n; i++) {
    const s = side[i];
    if (s === buy) codes[i] = BUY;
    else if (s === sell) codes[i] = SELL;
    else if (s === "buy") {
      buy = s;
      codes[i] = BUY;
    } else if (s === "sell") {
      sell = s;
      codes[i] = SELL;
    }
  }
  return codes;
}

function checkInputs(time: Float64Array, price: Float64Array, amount: Float64Array): void {
  if (time.length !== price.length || amount.length !== price.length) {
    throw new RangeError(
      `tradeBars: time, price and amount must have the same length (got ${time.length}, ` +
        `${price.length}, ${amount.length}).`,
    );
  }
  for (let i = 0; i < price.length; i++) {
    if (!Number.isFinite(price[i]) || !Number.isFinite(amount[i]) || !Number.isFinite(time[i])) {
      throw new RangeError(
        `tradeBars: row ${i} has a missing time, price or amount (${time[i]}, ${price[i]}, ` +
          `${amount[i]}); drop such rows before building bars.`,
      );
    }
  }
}

function toBars(b: BarBuffers): Bars {
  return {
    timestamp: Float64Array.from(b.timestamp),
    open: Float64Array.from(b.open),
    high: Float64Array.from(b.high),
    low: Float64Array.from(b.low),
    close: Float64Array.from(b.close),
    volume: Float64Array.from(b.volume),
    buyVolume: Float64Array.from(b.buyVolume),
    sellVolume: Float64Array.from(b.sellVolume),
    trades: Float64Array.from(b.trades),
    vwap: Float64Array.from(b.vwap),
  };
}

function timeBars(
  time: Float64Array,
  price: Float64Array,
  amount: Float64Array,
  sides: Uint8Array,
  interval: number,
  fillGaps: boolean,
): Bars {
  const n = price.length;
  let minT = Infinity;
  let maxT = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (t < minT) minT = t;
    if (t > maxT) maxT = t;
  }
  const origin = n === 0 ? 0 : Math.floor(minT / interval) * interval;
  const count = n === 0 ? 0 : Math.floor((maxT - origin) / interval) + 1;
  if (count > MAX_TIME_BARS) {
    throw new RangeError(
      `tradeBars: ${count} buckets of ${interval} µs span the trades; use a longer interval.`,
    );
  }
  const open = new Float64Array(count);
  const high = new Float64Array(count).fill(-Infinity);
  const low = new Float64Array(count).fill(Infinity);
  const close = new Float64Array(count);
  const volume = new Float64Array(count);
  const buyVolume = new Float64Array(count);
  const sellVolume = new Float64Array(count);
  const trades = new Float64Array(count);
  const vwap = new Float64Array(count);
  const openTime = new Float64Array(count).fill(Infinity);
  const closeTime = new Float64Array(count).fill(-Infinity);
  // Trades come in runs of the same bucket: accumulate a run in locals, merge it on change
  // (a bucket can be revisited when exchange timestamps are slightly out of order).
  let b = -1;
  let start = Infinity;
  let end = -Infinity;
  let runOpen = 0, runOpenTime = Infinity, runClose = 0, runCloseTime = -Infinity;
  let runHigh = -Infinity, runLow = Infinity, runVolume = 0, runNotional = 0;
  let runBuy = 0, runSell = 0, runTrades = 0;
  for (let i = 0; i <= n; i++) {
    const t = i < n ? time[i] : NaN;
    if (!(t >= start && t < end)) {
      if (b >= 0) {
        if (runOpenTime < openTime[b]) {
          openTime[b] = runOpenTime;
          open[b] = runOpen;
        }
        if (runCloseTime >= closeTime[b]) {
          closeTime[b] = runCloseTime;
          close[b] = runClose;
        }
        if (runHigh > high[b]) high[b] = runHigh;
        if (runLow < low[b]) low[b] = runLow;
        volume[b] += runVolume;
        vwap[b] += runNotional;
        buyVolume[b] += runBuy;
        sellVolume[b] += runSell;
        trades[b] += runTrades;
      }
      if (i === n) break;
      b = Math.floor((t - origin) / interval);
      start = origin + b * interval;
      end = start + interval;
      runOpenTime = Infinity;
      runCloseTime = -Infinity;
      runHigh = -Infinity;
      runLow = Infinity;
      runVolume =
        runNotional =
        runBuy =
        runSell =
        runTrades =
          0;
    }
    const p = price[i];
    const a = amount[i];
    if (t < runOpenTime) {
      runOpenTime = t;
      runOpen = p;
    }
    if (t >= runCloseTime) {
      runCloseTime = t;
      runClose = p;
    }
    if (p > runHigh) runHigh = p;
    if (p < runLow) runLow = p;
    runVolume += a;
    runNotional += p * a;
    runTrades++;
    const side = sides[i];
    if (side === BUY) runBuy += a;
    else if (side === SELL) runSell += a;
  }
  const timestamp = new Float64Array(count);
  let previousClose = NaN;
  let kept = 0;
  for (let b = 0; b < count; b++) {
    const empty = trades[b] === 0;
    if (empty && !fillGaps) continue;
    timestamp[kept] = origin + (b + 1) * interval;
    if (empty) {
      open[kept] =
        high[kept] =
        low[kept] =
        close[kept] =
          previousClose;
      vwap[kept] = NaN;
    } else {
      open[kept] = open[b];
      high[kept] = high[b];
      low[kept] = low[b];
      close[kept] = close[b];
      vwap[kept] = vwap[b] / volume[b];
      previousClose = close[b];
    }
    volume[kept] = volume[b];
    buyVolume[kept] = buyVolume[b];
    sellVolume[kept] = sellVolume[b];
    trades[kept] = trades[b];
    kept++;
  }
  const cut = (x: Float64Array) => kept === count ? x : x.slice(0, kept);
  return {
    timestamp: cut(timestamp),
    open: cut(open),
    high: cut(high),
    low: cut(low),
    close: cut(close),
    volume: cut(volume),
    buyVolume: cut(buyVolume),
    sellVolume: cut(sellVolume),
    trades: cut(trades),
    vwap: cut(vwap),
  };
}

function thresholdBars(
  time: Float64Array,
  price: Float64Array,
  amount: Float64Array,
  sides: Uint8Array,
  measure: "tick" | "volume" | "dollar",
  threshold: number,
  includePartial: boolean,
): Bars {
  const out: BarBuffers = {
    timestamp: [],
    open: [],
    high: [],
    low: [],
    close: [],
    volume: [],
    buyVolume: [],
    sellVolume: [],
    trades: [],
    vwap: [],
  };
  let open = NaN;
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  let buy = 0;
  let sell = 0;
  let count = 0;
  let notional = 0;
  let progress = 0;
  let latest = -Infinity;
  const flush = (close: number) => {
    out.timestamp.push(latest);
    out.open.push(open);
    out.high.push(high);
    out.low.push(low);
    out.close.push(close);
    out.volume.push(volume);
    out.buyVolume.push(buy);
    out.sellVolume.push(sell);
    out.trades.push(count);
    out.vwap.push(volume > 0 ? notional / volume : NaN);
    high = -Infinity;
    low = Infinity;
    volume =
      buy =
      sell =
      count =
      notional =
      progress =
        0;
  };
  for (let i = 0; i < price.length; i++) {
    const p = price[i];
    const a = amount[i];
    if (count === 0) open = p;
    if (time[i] > latest) latest = time[i];
    if (p > high) high = p;
    if (p < low) low = p;
    volume += a;
    notional += p * a;
    count++;
    if (sides[i] === BUY) buy += a;
    else if (sides[i] === SELL) sell += a;
    progress += measure === "tick" ? 1 : measure === "volume" ? a : p * a;
    if (progress >= threshold) flush(p);
  }
  if (includePartial && count > 0) flush(price[price.length - 1]);
  return toBars(out);
}

/**
 * Builds OHLCV bars from trades (a table from `fetchDataset` with `dataType: "trades"`):
 * time bars on exchange timestamps, or tick, volume and dollar bars. Every bar has `open,
 * high, low, close, volume, buyVolume, sellVolume` (by taker side), `trades` (count) and
 * `vwap`. `timestamp` is the bar END in epoch µs: for time bars the bucket end (a bucket
 * holds trades with start <= time < end, so a decision at the bar's close saw only those),
 * for threshold bars the latest trade time so far. Threshold bars follow file order and
 * close on the trade that reaches the threshold (trades are not split). A table mixing
 * several symbols is rejected: filter it to one symbol first.
 *
 * @example
 * ```ts
 * import { tradeBars } from "@quantbook/sdk/tardis";
 * const trades = {
 *   timestamp: new Float64Array([1e6, 30e6, 61e6]),
 *   price: new Float64Array([100, 101, 99]),
 *   amount: new Float64Array([1, 2, 1]),
 *   side: ["buy", "buy", "sell"],
 * };
 * const bars = tradeBars(trades, { by: "time", interval: "1m" });
 * bars.timestamp; // Float64Array [60e6, 120e6]
 * bars.close; // Float64Array [101, 99]
 * bars.buyVolume; // Float64Array [3, 0]
 * ```
 */
export function tradeBars(trades: Table, options: TradeBarOptions): Bars {
  assertSingleSymbol(trades, "tradeBars");
  const timeColumn = options.timeColumn ?? "timestamp";
  const time = numberColumn(trades, timeColumn, "tradeBars");
  const price = numberColumn(trades, "price", "tradeBars");
  const amount = numberColumn(trades, "amount", "tradeBars");
  checkInputs(time, price, amount);
  const sides = sideCodes(trades, price.length);
  if (options.by === "time") {
    return timeBars(
      time,
      price,
      amount,
      sides,
      intervalMicros(options.interval),
      options.fillGaps ?? true,
    );
  }
  const threshold = options.by === "tick"
    ? options.count
    : options.by === "volume"
    ? options.volume
    : options.by === "dollar"
    ? options.dollars
    : NaN;
  if (Number.isNaN(threshold) && !["tick", "volume", "dollar"].includes(options.by)) {
    throw new TypeError(
      `tradeBars: by must be "time", "tick", "volume" or "dollar" (got ${
        JSON.stringify((options as { by: unknown }).by)
      }).`,
    );
  }
  const name = options.by === "tick" ? "count" : options.by === "volume" ? "volume" : "dollars";
  if (!(threshold > 0) || !Number.isFinite(threshold)) {
    throw new RangeError(`tradeBars: ${name} must be a positive number (got ${threshold}).`);
  }
  return thresholdBars(
    time,
    price,
    amount,
    sides,
    options.by,
    threshold,
    options.includePartial ?? false,
  );
}
