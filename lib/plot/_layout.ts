import { formatMicros } from "./_format.ts";

/** Colours shared by every figure, so reports look consistent. */
export const palette = {
  up: "#26a69a",
  down: "#ef5350",
  strategy: "#1f77b4",
  benchmark: "#7f7f7f",
  drawdown: "#d62728",
  /** Red (low) -> yellow -> green (high); plotly.js has no built-in "RdYlGn". */
  diverging: [[0, "#d73027"], [0.25, "#fc8d59"], [0.5, "#ffffbf"], [0.75, "#91cf60"], [
    1,
    "#1a9850",
  ]],
  lines: ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"],
} as const;

/**
 * The base layout: white background, light grid, unified hover. The title is pinned to the
 * top of the figure and the legend sits right above the plot area, so they never overlap
 * whatever the figure's height.
 */
export function baseLayout(title: string | undefined, height: number): Record<string, unknown> {
  return {
    ...(title
      ? {
        title: {
          text: title,
          x: 0.01,
          xanchor: "left",
          yref: "container",
          y: 1,
          yanchor: "top",
          pad: { t: 14 },
        },
      }
      : {}),
    height,
    margin: { l: 60, r: 30, t: title ? 76 : 36, b: 40 },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    font: { family: "Helvetica, Arial, sans-serif", size: 12, color: "#222" },
    hovermode: "x unified",
    legend: { orientation: "h", x: 0, y: 1, yanchor: "bottom" },
  };
}

/** An axis with the shared grid style, plus any extra settings. */
export function axis(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { gridcolor: "#eeeeee", zerolinecolor: "#cccccc", automargin: true, ...extra };
}

/**
 * A date axis labelled as UTC, for zone-less UTC date strings (see `microsToDates`), which
 * plotly.js draws as written whatever the viewer's time zone. Its range is the time axis'
 * span plus half a bar on each side: plotly would otherwise pad it by 5% whenever a trace
 * has markers (trade marks, news events), leaving empty days at both ends.
 */
export function timeAxis(
  timestamp: ArrayLike<number>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return axis({
    type: "date",
    title: { text: "time (UTC)", standoff: 6, font: { size: 11, color: "#666" } },
    hoverformat: "%Y-%m-%d %H:%M UTC",
    ...timeRange(timestamp),
    ...extra,
  });
}

function timeRange(timestamp: ArrayLike<number>): { range?: string[] } {
  let first = 0;
  let last = timestamp.length - 1;
  while (first <= last && !Number.isFinite(timestamp[first])) first++;
  while (last > first && !Number.isFinite(timestamp[last])) last--;
  if (last <= first) return {};
  const halfBar = (timestamp[last] - timestamp[first]) / (last - first) / 2;
  return {
    range: [formatMicros(timestamp[first] - halfBar), formatMicros(timestamp[last] + halfBar)],
  };
}

/** A dashed horizontal reference line across the plot at `level` on the y axis `yref`. */
export function levelLine(yref: string, level: number): Record<string, unknown> {
  return {
    type: "line",
    xref: "paper",
    x0: 0,
    x1: 1,
    yref,
    y0: level,
    y1: level,
    line: { color: "#999", width: 1, dash: "dash" },
  };
}

/**
 * Vertical domains for stacked panels sharing one x axis: the first panel gets `firstShare`
 * of the height, the rest split the remainder; returned top to bottom.
 */
export function panelDomains(count: number, firstShare: number): [number, number][] {
  if (count === 1) return [[0, 1]];
  const gap = 0.05;
  const rest = (1 - firstShare) / (count - 1);
  const domains: [number, number][] = [];
  let top = 1;
  for (let i = 0; i < count; i++) {
    const bottom = top - (i === 0 ? firstShare : rest);
    domains.push([i === count - 1 ? 0 : bottom + gap / 2, i === 0 ? 1 : top - gap / 2]);
    top = bottom;
  }
  return domains;
}
