import { makeFigure } from "./_figure.ts";
import { axis, baseLayout, levelLine, palette, panelDomains, timeAxis } from "./_layout.ts";
import { lineTrace } from "./_line_trace.ts";
import { assertNumeric, assertSeries, microsToDates } from "./_series.ts";
import type { Figure, PlotlyTrace } from "./types.ts";

/**
 * Options for {@link lineFigure}.
 *
 * @example
 * ```ts
 * import type { LineFigureOptions } from "@quantbook/sdk/plot";
 * const opts: LineFigureOptions = { title: "Factors", stacked: true };
 * ```
 */
export interface LineFigureOptions {
  /** Figure title (default none). */
  title?: string;
  /**
   * One panel per series, sharing the time axis, each named in its top-left corner
   * (default `false`: one shared panel with a legend).
   */
  stacked?: boolean;
  /**
   * Horizontal reference lines: an array for every panel (e.g. `[0]` or `[-1, 1]`), or
   * levels by series name for its panel only when stacked (e.g. `{ composite: [-0.5, 0.5] }`;
   * on one shared panel, all of them are drawn).
   */
  levels?: readonly number[] | Record<string, readonly number[]>;
  /** Y axis title when not stacked (default none). */
  yTitle?: string;
  /** Figure height in pixels (default 360, or 160 per panel when stacked, at least 360). */
  height?: number;
}

/**
 * Factor or indicator lines over time: one trace per named series, on one panel or stacked.
 * NaN warm-up values are gaps.
 *
 * @example
 * ```ts
 * import { lineFigure } from "@quantbook/sdk/plot";
 * const t = new Float64Array([0, 60e6, 120e6]);
 * const fig = lineFigure(t, { momentum: new Float64Array([NaN, 0.1, 0.2]) }, { levels: [0] });
 * fig.data[0].name; // "momentum"
 * ```
 */
export function lineFigure(
  timestamp: Float64Array,
  series: Record<string, Float64Array>,
  options: LineFigureOptions = {},
): Figure {
  assertNumeric("timestamp", timestamp);
  const names = Object.keys(series ?? {});
  if (names.length === 0) {
    throw new RangeError("lineFigure: series is empty; pass at least one { name: Float64Array }.");
  }
  const n = timestamp.length;
  const x = microsToDates(timestamp);
  const stacked = options.stacked === true && names.length > 1;
  const domains = stacked ? panelDomains(names.length, 1 / names.length) : [[0, 1]];
  const color = (i: number) => palette.lines[i % palette.lines.length];
  const data: PlotlyTrace[] = names.map((name, i) => {
    assertSeries(`series.${name}`, n, series[name]);
    return lineTrace(name, x, series[name], { width: 1.5, color: color(i) }, {
      yaxis: stacked && i > 0 ? `y${i + 1}` : "y",
    });
  });
  const layout: Record<string, unknown> = {
    ...baseLayout(options.title, options.height ?? Math.max(360, stacked ? 160 * names.length : 0)),
    xaxis: timeAxis(timestamp, { anchor: domains.length > 1 ? `y${domains.length}` : "y" }),
  };
  domains.forEach((domain, i) => {
    const title = stacked ? undefined : options.yTitle;
    layout[i === 0 ? "yaxis" : `yaxis${i + 1}`] = axis({
      domain,
      ...(title ? { title: { text: title } } : {}),
    });
  });
  if (stacked) {
    // Each panel is named inside its top-left corner (long names would overlap as rotated
    // axis titles on short panels), so the legend would only repeat them.
    layout.showlegend = false;
    layout.annotations = domains.map((domain, i) => ({
      text: names[i],
      xref: "paper",
      x: 0.005,
      xanchor: "left",
      yref: "paper",
      y: domain[1],
      yanchor: "top",
      showarrow: false,
      bgcolor: "rgba(255, 255, 255, 0.8)",
      font: { size: 12, color: color(i) },
    }));
  }
  const levels = options.levels ?? [];
  const panelLevels = (i: number): readonly number[] => {
    if (Array.isArray(levels)) return levels as readonly number[];
    const byName = levels as Record<string, readonly number[]>;
    return stacked ? byName[names[i]] ?? [] : Object.values(byName).flat();
  };
  const shapes = domains.flatMap((_, i) =>
    panelLevels(i).map((level) => levelLine(i === 0 ? "y" : `y${i + 1}`, level))
  );
  if (shapes.length) layout.shapes = shapes;
  return makeFigure(data, layout);
}
