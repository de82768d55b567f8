import { makeFigure } from "./_figure.ts";
import { axis, baseLayout, palette, panelDomains } from "./_layout.ts";
import { assertAligned, assertNumeric, microsToMillis, toJsonNumbers } from "./_series.ts";
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
  assertNumeric("equity", equity);
  const n = timestamp.length;
  assertAligned("equity", n, equity);
  const x = microsToMillis(timestamp);
  const data: PlotlyTrace[] = [{
    type: "scatter",
    mode: "lines",
    name: options.name ?? "strategy",
    x,
    y: toJsonNumbers(equity),
    line: { color: palette.strategy, width: 2 },
  }];
  if (options.prices) {
    assertNumeric("prices", options.prices);
    assertAligned("prices", n, options.prices);
    data.push({
      type: "scatter",
      mode: "lines",
      name: "buy & hold",
      x,
      y: toJsonNumbers(buyAndHold(equity, options.prices)),
      line: { color: palette.benchmark, width: 1.5, dash: "dot" },
    });
  }
  Object.entries(options.benchmarks ?? {}).forEach(([name, series], i) => {
    assertNumeric(`benchmarks.${name}`, series);
    assertAligned(`benchmarks.${name}`, n, series);
    data.push({
      type: "scatter",
      mode: "lines",
      name,
      x,
      y: toJsonNumbers(series),
      line: { width: 1.5, color: palette.lines[(i + 1) % palette.lines.length] },
    });
  });
  data.push({
    type: "scatter",
    mode: "lines",
    name: "drawdown",
    x,
    y: toJsonNumbers(drawdownPct(equity)),
    fill: "tozeroy",
    line: { color: palette.drawdown, width: 1 },
    fillcolor: "rgba(214, 39, 40, 0.25)",
    yaxis: "y2",
  });
  const [top, bottom] = panelDomains(2, 0.72);
  return makeFigure(data, {
    ...baseLayout(options.title, options.height ?? 520),
    xaxis: axis({ type: "date", anchor: "y2" }),
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
