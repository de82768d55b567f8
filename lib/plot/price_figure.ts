import { makeFigure } from "./_figure.ts";
import { axis, baseLayout, palette, panelDomains } from "./_layout.ts";
import { assertAligned, assertNumeric, microsToMillis, toJsonNumbers } from "./_series.ts";
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
 * A trade to mark on a price chart. Trades from `backtest(...).trades` fit this shape.
 *
 * @example
 * ```ts
 * import type { PlotTrade } from "@quantbook/sdk/plot";
 * const t: PlotTrade = { entryTime: 0, entryPrice: 100, exitTime: 60e6, exitPrice: 101, size: 1 };
 * ```
 */
export interface PlotTrade {
  /** Entry fill time, epoch microseconds UTC. */
  entryTime: number;
  /** Entry fill price. */
  entryPrice: number;
  /** Exit fill time (absent or NaN while the trade is open). */
  exitTime?: number;
  /** Exit fill price. */
  exitPrice?: number;
  /** Signed size: positive = long, negative = short (default long). */
  size?: number;
  /** Trade return in percent, shown on hover. */
  returnPct?: number;
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
  /** Trades to mark: entries as triangles (up = long, down = short), exits as crosses. */
  trades?: readonly PlotTrade[];
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
 *   trades: [{ entryTime: 60e6, entryPrice: 101, exitTime: 120e6, exitPrice: 99, size: 1 }],
 * });
 * fig.data.length; // 3: price, entries, exits
 * ```
 */
export function priceFigure(price: PriceInput, options: PriceFigureOptions = {}): Figure {
  assertNumeric("price.timestamp", price?.timestamp);
  assertNumeric("price.close", price.close);
  const n = price.timestamp.length;
  assertAligned("price.close", n, price.close);
  const x = microsToMillis(price.timestamp);
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
    data.push({
      type: "scatter",
      mode: "lines",
      name: "close",
      x,
      y: toJsonNumbers(price.close),
      line: { color: palette.strategy, width: 1.5 },
    });
  }
  Object.entries(options.overlays ?? {}).forEach(([name, series], i) => {
    assertNumeric(`overlays.${name}`, series);
    assertAligned(`overlays.${name}`, n, series);
    data.push({
      type: "scatter",
      mode: "lines",
      name,
      x,
      y: toJsonNumbers(series),
      line: { width: 1.2, color: palette.lines[(i + 1) % palette.lines.length] },
    });
  });
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
    xaxis: axis({ type: "date", rangeslider: { visible: false } }),
    yaxis: axis({ title: { text: "price" }, domain: domains[0] }),
  };
  if (showVolume) layout.yaxis2 = axis({ title: { text: "volume" }, domain: domains[1] });
  return makeFigure(data, layout);
}

function tradeMarkers(trades: readonly PlotTrade[]): PlotlyTrace[] {
  const entry = {
    x: [] as number[],
    y: [] as number[],
    symbol: [] as string[],
    color: [] as string[],
    text: [] as string[],
  };
  const exit = { x: [] as number[], y: [] as number[], text: [] as string[] };
  trades.forEach((t, i) => {
    if (!Number.isFinite(t.entryTime) || !Number.isFinite(t.entryPrice)) {
      throw new TypeError(
        `trades[${i}] needs finite entryTime (epoch µs) and entryPrice, got ` +
          `${t.entryTime} and ${t.entryPrice}.`,
      );
    }
    const long = (t.size ?? 1) >= 0;
    const ret = Number.isFinite(t.returnPct) ? ` (${t.returnPct!.toFixed(2)}%)` : "";
    entry.x.push(t.entryTime / 1000);
    entry.y.push(t.entryPrice);
    entry.symbol.push(long ? "triangle-up" : "triangle-down");
    entry.color.push(long ? palette.up : palette.down);
    entry.text.push(`${long ? "long" : "short"} entry #${i + 1}${ret}`);
    if (Number.isFinite(t.exitTime) && Number.isFinite(t.exitPrice)) {
      exit.x.push(t.exitTime! / 1000);
      exit.y.push(t.exitPrice!);
      exit.text.push(`exit #${i + 1}${ret}`);
    }
  });
  return [
    {
      type: "scatter",
      mode: "markers",
      name: "entries",
      x: entry.x,
      y: entry.y,
      text: entry.text,
      hoverinfo: "text+y",
      marker: {
        symbol: entry.symbol,
        color: entry.color,
        size: 11,
        line: { width: 1, color: "#333" },
      },
    },
    {
      type: "scatter",
      mode: "markers",
      name: "exits",
      x: exit.x,
      y: exit.y,
      text: exit.text,
      hoverinfo: "text+y",
      marker: { symbol: "x", color: "#333", size: 9 },
    },
  ];
}
