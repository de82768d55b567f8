import { makeFigure } from "./_figure.ts";
import { axis, baseLayout, palette, panelDomains, timeAxis } from "./_layout.ts";
import { lineTrace, namedLines } from "./_line_trace.ts";
import { assertNumeric, assertSeries, microsToDates } from "./_series.ts";
import type { Figure, PlotlyTrace } from "./types.ts";

/**
 * Options for {@link equityFigure}.
 *
 * @example
 * ```ts
 * import type { EquityFigureOptions } from "@quantbook/sdk/plot";
 * const opts: EquityFigureOptions = { title: "SMA cross", prices: new Float64Array([1, 2]) };
 * ```
 */
export interface EquityFigureOptions {
  /** Figure title (default none). */
  title?: string;
  /**
   * Prices of the traded asset: draws buy-and-hold, i.e. the first finite equity value
   * invested at the first finite price and held (default none).
   */
  prices?: Float64Array;
  /** Other equity curves to compare, by name (aligned to `timestamp`). */
  benchmarks?: Record<string, Float64Array>;
  /** Name of the strategy line (default `"strategy"`). */
  name?: string;
  /** Figure height in pixels (default 520). */
  height?: number;
}

/**
 * The equity curve against buy-and-hold (and other benchmarks), with a drawdown panel
 * below: drawdown[i] = equity[i] / max(equity[0..i]) - 1, in percent.
 *
 * @example
 * ```ts
 * import { equityFigure } from "@quantbook/sdk/plot";
 * const timestamp = new Float64Array([0, 86_400e6, 172_800e6]);
 * const fig = equityFigure(timestamp, new Float64Array([100, 90, 120]), {
 *   prices: new Float64Array([10, 10.5, 11]),
 * });
 * fig.data.map((t) => t.name); // ["strategy", "buy & hold", "drawdown"]
 * ```
 */
export function equityFigure(
  timestamp: Float64Array,
  equity: Float64Array,
  options: EquityFigureOptions = {},
): Figure {
  assertNumeric("timestamp", timestamp);
  const n = timestamp.length;
  assertSeries("equity", n, equity);
  const x = microsToDates(timestamp);
  const data: PlotlyTrace[] = [
    lineTrace(options.name ?? "strategy", x, equity, { color: palette.strategy, width: 2 }),
  ];
  if (options.prices) {
    assertSeries("prices", n, options.prices);
    data.push(
      lineTrace("buy & hold", x, buyAndHold(equity, options.prices), {
        color: palette.benchmark,
        width: 1.5,
        dash: "dot",
      }),
    );
  }
  data.push(...namedLines("benchmarks", options.benchmarks, x, 1.5, 1));
  data.push(
    lineTrace("drawdown", x, drawdownPct(equity), { color: palette.drawdown, width: 1 }, {
      fill: "tozeroy",
      fillcolor: "rgba(214, 39, 40, 0.25)",
      yaxis: "y2",
    }),
  );
  const [top, bottom] = panelDomains(2, 0.72);
  return makeFigure(data, {
    ...baseLayout(options.title, options.height ?? 520),
    xaxis: timeAxis(timestamp, { anchor: "y2" }),
    yaxis: axis({ title: { text: "equity" }, domain: top }),
    yaxis2: axis({ title: { text: "drawdown %" }, domain: bottom, rangemode: "tozero" }),
  });
}

function buyAndHold(equity: Float64Array, prices: Float64Array): Float64Array {
  const out = new Float64Array(prices.length).fill(NaN);
  let start = 0;
  while (
    start < prices.length && !(Number.isFinite(prices[start]) && Number.isFinite(equity[start]))
  ) start++;
  if (start === prices.length) return out;
  const units = equity[start] / prices[start];
  for (let i = start; i < prices.length; i++) out[i] = units * prices[i];
  return out;
}

function drawdownPct(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length).fill(NaN);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    if (!Number.isFinite(equity[i])) continue;
    if (equity[i] > peak) peak = equity[i];
    out[i] = (equity[i] / peak - 1) * 100;
  }
  return out;
}
