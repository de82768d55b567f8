import { makeFigure } from "./_figure.ts";
import { axis, baseLayout, palette, panelDomains } from "./_layout.ts";
import { assertAligned, assertNumeric, microsToMillis, toJsonNumbers } from "./_series.ts";
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
  /** One panel per series, sharing the time axis (default `false`: one shared panel). */
  stacked?: boolean;
  /** Horizontal reference lines drawn on every panel (e.g. `[0]` or `[-1, 1]`). */
  levels?: readonly number[];
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
  const x = microsToMillis(timestamp);
  const stacked = options.stacked === true && names.length > 1;
  const domains = stacked ? panelDomains(names.length, 1 / names.length) : [[0, 1]];
  const data: PlotlyTrace[] = names.map((name, i) => {
    assertNumeric(`series.${name}`, series[name]);
    assertAligned(`series.${name}`, n, series[name]);
    return {
      type: "scatter",
      mode: "lines",
      name,
      x,
      y: toJsonNumbers(series[name]),
      line: { width: 1.5, color: palette.lines[i % palette.lines.length] },
      yaxis: stacked && i > 0 ? `y${i + 1}` : "y",
    };
  });
  const layout: Record<string, unknown> = {
    ...baseLayout(options.title, options.height ?? Math.max(360, stacked ? 160 * names.length : 0)),
    xaxis: axis({ type: "date", anchor: domains.length > 1 ? `y${domains.length}` : "y" }),
  };
  domains.forEach((domain, i) => {
    const title = stacked ? names[i] : options.yTitle;
    layout[i === 0 ? "yaxis" : `yaxis${i + 1}`] = axis({
      domain,
      ...(title ? { title: { text: title } } : {}),
    });
  });
  if (options.levels?.length) {
    layout.shapes = domains.flatMap((_, i) =>
      options.levels!.map((level) => ({
        type: "line",
        xref: "paper",
        x0: 0,
        x1: 1,
        yref: i === 0 ? "y" : `y${i + 1}`,
        y0: level,
        y1: level,
        line: { color: "#999", width: 1, dash: "dash" },
      }))
    );
  }
  return makeFigure(data, layout);
}
