import { makeFigure } from "./_figure.ts";
import { formatMicros } from "./_format.ts";
import { axis, baseLayout, palette, panelDomains, timeAxis } from "./_layout.ts";
import { lineTrace, namedLines } from "./_line_trace.ts";
import {
  assertAligned,
  assertNumeric,
  assertSeries,
  microsToDates,
  toJsonNumbers,
} from "./_series.ts";
import type { Figure, PlotlyTrace } from "./types.ts";

/**
 * Price input for {@link priceFigure}: `Bars`, or just `{ timestamp, close }` for a line.
 *
 * @example
 * ```ts
 * import type { PriceInput } from "@quantbook/sdk/plot";
 * const price: PriceInput = { timestamp: new Float64Array([0, 60e6]), close: new Float64Array([1, 2]) };
 * ```
 */
export interface PriceInput {
  /** Bar time, epoch microseconds UTC. */
  timestamp: Float64Array;
  /** Closing price. */
  close: Float64Array;
  /** Opening price (needed for candles). */
  open?: Float64Array;
  /** High price (needed for candles). */
  high?: Float64Array;
  /** Low price (needed for candles). */
  low?: Float64Array;
  /** Volume (drawn in a lower panel with `volume: true`). */
  volume?: Float64Array;
}

/**
 * Trades to mark on a price chart, as columns (one entry per trade): the trade ledger of
 * `backtest(...).trades` fits this shape as is.
 *
 * @example
 * ```ts
 * import type { PlotTrades } from "@quantbook/sdk/plot";
 * const trades: PlotTrades = {
 *   entryTime: new Float64Array([0]),
 *   entryPrice: new Float64Array([100]),
 *   exitTime: new Float64Array([60e6]),
 *   exitPrice: new Float64Array([101]),
 *   size: new Float64Array([1]),
 * };
 * ```
 */
export interface PlotTrades {
  /** Entry fill times, epoch microseconds UTC. */
  entryTime: ArrayLike<number>;
  /** Entry fill prices. */
  entryPrice: ArrayLike<number>;
  /** Exit fill times (NaN while a trade is open). */
  exitTime?: ArrayLike<number>;
  /** Exit fill prices (NaN while a trade is open). */
  exitPrice?: ArrayLike<number>;
  /** Signed sizes: positive = long, negative = short (default long). */
  size?: ArrayLike<number>;
  /** Trade returns in percent, shown on hover. */
  returnPct?: ArrayLike<number>;
}

/**
 * Options for {@link priceFigure}.
 *
 * @example
 * ```ts
 * import type { PriceFigureOptions } from "@quantbook/sdk/plot";
 * const opts: PriceFigureOptions = { title: "BTCUSDT", style: "line", volume: true };
 * ```
 */
export interface PriceFigureOptions {
  /** Figure title (default none). */
  title?: string;
  /**
   * `"candles"`, `"line"` (close), or `"auto"` (default): candles when open/high/low are
   * given and there are at most 1,500 bars, else a close line.
   */
  style?: "auto" | "candles" | "line";
  /**
   * Trades to mark: long entries as green up-triangles, short entries as red down-triangles,
   * exits as crosses (each kind is one legend entry, left out when there is none).
   */
  trades?: PlotTrades;
  /** Extra lines on the price panel, by name (moving averages, bands, ...). */
  overlays?: Record<string, Float64Array>;
  /** Draw volume bars in a lower panel (default `false`; needs `volume`). */
  volume?: boolean;
  /** Figure height in pixels (default 520). */
  height?: number;
}

/**
 * Candles (or a close line) with trade entry/exit markers, overlay lines and an optional
 * volume panel.
 *
 * @example
 * ```ts
 * import { priceFigure } from "@quantbook/sdk/plot";
 * const timestamp = new Float64Array([0, 60e6, 120e6]);
 * const close = new Float64Array([100, 101, 99]);
 * const fig = priceFigure({ timestamp, close }, {
 *   trades: {
 *     entryTime: new Float64Array([60e6]),
 *     entryPrice: new Float64Array([101]),
 *     exitTime: new Float64Array([120e6]),
 *     exitPrice: new Float64Array([99]),
 *   },
 * });
 * fig.data.map((t) => t.name); // ["close", "long entries", "exits"]
 * ```
 */
export function priceFigure(price: PriceInput, options: PriceFigureOptions = {}): Figure {
  assertNumeric("price.timestamp", price?.timestamp);
  const n = price.timestamp.length;
  assertSeries("price.close", n, price.close);
  const x = microsToDates(price.timestamp);
  const hasOhlc = price.open !== undefined && price.high !== undefined &&
    price.low !== undefined;
  const style = options.style ?? "auto";
  if (style === "candles" && !hasOhlc) {
    throw new TypeError(
      'priceFigure: style "candles" needs price.open, price.high and price.low; pass Bars ' +
        'or use style "line".',
    );
  }
  const candles = style === "candles" || (style === "auto" && hasOhlc && n <= 1500);
  const data: PlotlyTrace[] = [];
  if (candles) {
    for (const k of ["open", "high", "low"] as const) assertAligned(`price.${k}`, n, price[k]!);
    data.push({
      type: "candlestick",
      name: "price",
      x,
      open: toJsonNumbers(price.open!),
      high: toJsonNumbers(price.high!),
      low: toJsonNumbers(price.low!),
      close: toJsonNumbers(price.close),
      increasing: { line: { color: palette.up } },
      decreasing: { line: { color: palette.down } },
      yaxis: "y",
    });
  } else {
    data.push(lineTrace("close", x, price.close, { color: palette.strategy, width: 1.5 }));
  }
  data.push(...namedLines("overlays", options.overlays, x, 1.2, 1));
  if (options.trades) data.push(...tradeMarkers(options.trades));

  const showVolume = options.volume === true;
  if (showVolume) {
    if (!price.volume) {
      throw new TypeError("priceFigure: volume: true needs price.volume; pass Bars with volume.");
    }
    assertAligned("price.volume", n, price.volume);
    data.push({
      type: "bar",
      name: "volume",
      x,
      y: toJsonNumbers(price.volume),
      marker: { color: "#b0bec5" },
      yaxis: "y2",
      showlegend: false,
    });
  }
  const domains = panelDomains(showVolume ? 2 : 1, 0.78);
  const layout: Record<string, unknown> = {
    ...baseLayout(options.title, options.height ?? 520),
    xaxis: timeAxis(price.timestamp, {
      rangeslider: { visible: false },
      anchor: showVolume ? "y2" : "y",
    }),
    yaxis: axis({ title: { text: "price" }, domain: domains[0] }),
  };
  if (showVolume) layout.yaxis2 = axis({ title: { text: "volume" }, domain: domains[1] });
  return makeFigure(data, layout);
}

function tradeMarkers(trades: PlotTrades): PlotlyTrace[] {
  const count = trades.entryTime?.length;
  for (
    const key of ["entryTime", "entryPrice", "exitTime", "exitPrice", "size", "returnPct"] as const
  ) {
    const column = trades[key];
    if (column === undefined && (key === "entryTime" || key === "entryPrice")) {
      throw new TypeError(
        `trades.${key} is missing: pass the trade ledger (backtest(...).trades).`,
      );
    }
    if (column !== undefined && column.length !== count) {
      throw new RangeError(
        `trades.${key} has length ${column.length} but trades.entryTime has ${count}: ` +
          "trade columns must have one entry per trade.",
      );
    }
  }
  const markers = () => ({ x: [] as string[], y: [] as number[], text: [] as string[] });
  const longs = markers();
  const shorts = markers();
  const exits = markers();
  for (let i = 0; i < count; i++) {
    const entryTime = trades.entryTime[i];
    const entryPrice = trades.entryPrice[i];
    if (!Number.isFinite(entryTime) || !Number.isFinite(entryPrice)) {
      throw new TypeError(
        `trades[${i}] needs a finite entryTime (epoch µs) and entryPrice, got ` +
          `${entryTime} and ${entryPrice}.`,
      );
    }
    const long = (trades.size?.[i] ?? 1) >= 0;
    const r = trades.returnPct?.[i];
    const ret = r !== undefined && Number.isFinite(r) ? ` (${r.toFixed(2)}%)` : "";
    const entry = long ? longs : shorts;
    entry.x.push(formatMicros(entryTime));
    entry.y.push(entryPrice);
    entry.text.push(`${long ? "long" : "short"} entry #${i + 1}${ret}`);
    const exitTime = trades.exitTime?.[i] ?? NaN;
    const exitPrice = trades.exitPrice?.[i] ?? NaN;
    if (Number.isFinite(exitTime) && Number.isFinite(exitPrice)) {
      exits.x.push(formatMicros(exitTime));
      exits.y.push(exitPrice);
      exits.text.push(`exit #${i + 1}${ret}`);
    }
  }
  const trace = (
    name: string,
    points: ReturnType<typeof markers>,
    marker: Record<string, unknown>,
  ): PlotlyTrace => ({
    type: "scatter",
    mode: "markers",
    name,
    ...points,
    hoverinfo: "text+y",
    marker,
  });
  const outline = { width: 1, color: "#333" };
  return [
    trace("long entries", longs, {
      symbol: "triangle-up",
      color: palette.up,
      size: 11,
      line: outline,
    }),
    trace("short entries", shorts, {
      symbol: "triangle-down",
      color: palette.down,
      size: 11,
      line: outline,
    }),
    trace("exits", exits, { symbol: "x", color: "#333", size: 9 }),
  ].filter((t) => (t.x as string[]).length > 0);
}
