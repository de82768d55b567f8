import { makeFigure } from "./_figure.ts";
import { axis, baseLayout, levelLine, panelDomains, timeAxis } from "./_layout.ts";
import { namedLines } from "./_line_trace.ts";
import { microsToDates } from "./_series.ts";
import { priceFigure, type PriceInput } from "./price_figure.ts";
import type { Figure, PlotlyTrace } from "./types.ts";

/**
 * Options for {@link indicatorFigure}.
 *
 * @example
 * ```ts
 * import type { IndicatorFigureOptions } from "@quantbook/sdk/plot";
 * const rsi = new Float64Array([NaN, 55]);
 * const opts: IndicatorFigureOptions = { panels: { RSI: { rsi } }, levels: { RSI: [30, 70] } };
 * ```
 */
export interface IndicatorFigureOptions {
  /** Figure title (default none). */
  title?: string;
  /** Lines drawn over the price (moving averages, Bollinger bands), by name. */
  overlays?: Record<string, Float64Array>;
  /** Lower panels: panel name -> its lines by name (e.g. `{ MACD: { macd, signal } }`). */
  panels?: Record<string, Record<string, Float64Array>>;
  /** Horizontal reference lines per panel name (e.g. `{ RSI: [30, 70] }`). */
  levels?: Record<string, readonly number[]>;
  /** Price style as in `priceFigure` (default `"auto"`). */
  style?: "auto" | "candles" | "line";
  /** Figure height in pixels (default 360 + 170 per lower panel). */
  height?: number;
}

/**
 * Price with indicator overlays on top and one lower panel per indicator group, all on one
 * shared time axis.
 *
 * @example
 * ```ts
 * import { indicatorFigure } from "@quantbook/sdk/plot";
 * const timestamp = new Float64Array([0, 60e6, 120e6]);
 * const close = new Float64Array([100, 101, 102]);
 * const fig = indicatorFigure({ timestamp, close }, {
 *   overlays: { sma2: new Float64Array([NaN, 100.5, 101.5]) },
 *   panels: { RSI: { rsi: new Float64Array([NaN, NaN, 100]) } },
 *   levels: { RSI: [30, 70] },
 * });
 * fig.data.length; // 3
 * ```
 */
export function indicatorFigure(price: PriceInput, options: IndicatorFigureOptions = {}): Figure {
  const panelNames = Object.keys(options.panels ?? {});
  const top = priceFigure(price, {
    overlays: options.overlays,
    style: options.style,
  });
  const x = microsToDates(price.timestamp);
  const data: PlotlyTrace[] = [...top.data];
  const domains = panelDomains(1 + panelNames.length, panelNames.length ? 0.55 : 1);
  const layout: Record<string, unknown> = {
    ...baseLayout(options.title, options.height ?? 360 + 170 * panelNames.length),
    xaxis: timeAxis(price.timestamp, {
      rangeslider: { visible: false },
      anchor: panelNames.length ? `y${panelNames.length + 1}` : "y",
    }),
    yaxis: axis({ title: { text: "price" }, domain: domains[0] }),
  };
  const shapes: Record<string, unknown>[] = [];
  let color = Object.keys(options.overlays ?? {}).length + 1;
  panelNames.forEach((panel, p) => {
    const yaxis = `y${p + 2}`;
    layout[`yaxis${p + 2}`] = axis({ title: { text: panel }, domain: domains[p + 1] });
    const lines = namedLines(`panels.${panel}`, options.panels![panel], x, 1.3, color, { yaxis });
    data.push(...lines);
    color += lines.length;
    for (const level of options.levels?.[panel] ?? []) shapes.push(levelLine(yaxis, level));
  });
  if (shapes.length) layout.shapes = shapes;
  return makeFigure(data, layout);
}
