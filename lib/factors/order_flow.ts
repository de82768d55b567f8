import { rollingMax, rollingSum } from "../series/mod.ts";
import {
  assertSameLength,
  assertSeries,
  assertSortedTimes,
  assertWindow,
} from "../series/_validate.ts";

/** Options of {@link orderFlowImbalance}: give exactly one of `trades` or `windowUs`. */
export interface OrderFlowImbalanceOptions {
  /** Window of the last N trades, the current one included (integer >= 1). */
  trades?: number;
  /**
   * Time window in microseconds: trades with `timestamp > timestamp[i] - windowUs` and at or
   * before trade `i` (pandas' `rolling("…")` convention). Needs `timestamps`.
   */
  windowUs?: number;
  /** Trade times in epoch microseconds, non-decreasing; required with `windowUs`. */
  timestamps?: Float64Array;
}

/**
 * Order-flow imbalance per trade: `(buyAmount - sellAmount) / (buyAmount + sellAmount)`
 * over the last `trades` trades or the last `windowUs` microseconds, in [-1, 1]; +1 when
 * only aggressive buys traded. `side` holds the aggressor side as in Tardis' trades files:
 * `"buy"`, `"sell"` or `"unknown"` (unknown trades count for neither side). NaN when the
 * window holds no buy or sell amount. A NaN amount makes every trade-count window holding
 * it NaN; time windows skip NaN amounts (pandas' defaults for the two kinds of window).
 *
 * @param side Aggressor side of each trade.
 * @param amount Trade size of each trade.
 * @param options `{ trades }` or `{ windowUs, timestamps }`.
 * @returns Imbalance per trade, same length as the inputs.
 *
 * @example
 * ```ts
 * import { orderFlowImbalance } from "@quantbook/sdk/factors";
 * const side = ["buy", "buy", "sell", "buy"];
 * const amount = new Float64Array([1, 2, 1, 1]);
 * orderFlowImbalance(side, amount, { trades: 2 }); // [NaN, 1, 1/3, 0]
 * const timestamps = new Float64Array([0, 1e6, 1.5e6, 3e6]);
 * orderFlowImbalance(side, amount, { windowUs: 1e6, timestamps }); // [1, 1, 1/3, 1]
 * ```
 */
export function orderFlowImbalance(
  side: readonly string[],
  amount: Float64Array,
  options: OrderFlowImbalanceOptions,
): Float64Array {
  if (!Array.isArray(side)) {
    throw new TypeError("side must be an array of 'buy' | 'sell' | 'unknown' strings");
  }
  assertSeries("amount", amount);
  assertSameLength(["side", "amount"], side, amount);
  const { trades, windowUs, timestamps } = options ?? {};
  if ((trades === undefined) === (windowUs === undefined)) {
    throw new TypeError(
      "orderFlowImbalance needs exactly one of options.trades (a trade count) or " +
        "options.windowUs (a time window in microseconds, with options.timestamps)",
    );
  }
  const len = amount.length;
  const signed = new Float64Array(len);
  const sided = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const s = side[i];
    const a = amount[i];
    if (s === "buy") {
      signed[i] = a;
      sided[i] = a;
    } else if (s === "sell") {
      signed[i] = -a;
      sided[i] = a;
    } else if (s === "unknown") {
      signed[i] = Number.isNaN(a) ? NaN : 0;
      sided[i] = signed[i];
    } else {
      throw new TypeError(
        `side[${i}] is ${JSON.stringify(s)}; expected "buy", "sell" or "unknown"`,
      );
    }
  }
  if (trades !== undefined) {
    assertWindow("options.trades", trades);
    // windows without buys or sells are found on the exact max, not on a float sum
    const hasFlow = rollingMax(sided, trades);
    const net = rollingSum(signed, trades);
    const gross = rollingSum(sided, trades);
    for (let i = 0; i < len; i++) if (!(hasFlow[i] > 0)) gross[i] = 0;
    return ratio(net, gross);
  }
  return timeWindowImbalance(signed, sided, windowUs as number, timestamps);
}

function timeWindowImbalance(
  signed: Float64Array,
  sided: Float64Array,
  windowUs: number,
  timestamps: Float64Array | undefined,
): Float64Array {
  if (typeof windowUs !== "number" || !(windowUs > 0) || !Number.isFinite(windowUs)) {
    throw new RangeError(`options.windowUs must be a finite number > 0 (got ${windowUs})`);
  }
  if (timestamps === undefined) {
    throw new TypeError("options.timestamps (epoch microseconds) is required with windowUs");
  }
  assertSeries("options.timestamps", timestamps);
  assertSameLength(["amount", "options.timestamps"], signed, timestamps);
  assertSortedTimes("options.timestamps", timestamps);
  const len = signed.length;
  const net = new Float64Array(len);
  const gross = new Float64Array(len);
  let start = 0;
  let netSum = 0;
  let grossSum = 0;
  let sidedTrades = 0;
  for (let i = 0; i < len; i++) {
    const t = timestamps[i];
    if (sided[i] > 0) {
      netSum += signed[i];
      grossSum += sided[i];
      sidedTrades++;
    }
    while (timestamps[start] <= t - windowUs) {
      if (sided[start] > 0) {
        netSum -= signed[start];
        grossSum -= sided[start];
        sidedTrades--;
      }
      start++;
    }
    if (sidedTrades === 0) {
      // exact zeros instead of rounding residue once the window holds no buy or sell
      netSum = 0;
      grossSum = 0;
    }
    net[i] = netSum;
    gross[i] = grossSum;
  }
  return ratio(net, gross);
}

function ratio(net: Float64Array, gross: Float64Array): Float64Array {
  const out = new Float64Array(net.length);
  for (let i = 0; i < out.length; i++) out[i] = gross[i] === 0 ? NaN : net[i] / gross[i];
  return out;
}

/**
 * Order-flow imbalance per bar from aggressor volumes already summed per bar (e.g. bars
 * built from trades with `buyVolume`/`sellVolume` columns):
 * `(sum buyVolume - sum sellVolume) / (sum buyVolume + sum sellVolume)` over the last
 * `window` bars, in [-1, 1]. NaN when the window traded nothing, and (pandas' default) when
 * it holds a NaN bar.
 *
 * @param buyVolume Volume bought by aggressive buyers per bar.
 * @param sellVolume Volume sold by aggressive sellers per bar.
 * @param window Bars per window (integer >= 1).
 * @returns Imbalance per bar, same length as the inputs.
 *
 * @example
 * ```ts
 * import { barOrderFlowImbalance } from "@quantbook/sdk/factors";
 * const buy = new Float64Array([3, 1, 0]);
 * const sell = new Float64Array([1, 1, 0]);
 * barOrderFlowImbalance(buy, sell, 1); // [0.5, 0, NaN]
 * barOrderFlowImbalance(buy, sell, 2); // [NaN, 1/3, 0]
 * ```
 */
export function barOrderFlowImbalance(
  buyVolume: Float64Array,
  sellVolume: Float64Array,
  window: number,
): Float64Array {
  assertSeries("buyVolume", buyVolume);
  assertSeries("sellVolume", sellVolume);
  assertSameLength(["buyVolume", "sellVolume"], buyVolume, sellVolume);
  assertWindow("window", window);
  const len = buyVolume.length;
  const signed = new Float64Array(len);
  const total = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    signed[i] = buyVolume[i] - sellVolume[i];
    total[i] = buyVolume[i] + sellVolume[i];
  }
  const hasFlow = rollingMax(total, window);
  const net = rollingSum(signed, window);
  const gross = rollingSum(total, window);
  for (let i = 0; i < len; i++) if (!(hasFlow[i] > 0)) gross[i] = 0;
  return ratio(net, gross);
}
