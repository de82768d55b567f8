import { palette } from "./_layout.ts";
import { assertSeries, toJsonNumbers } from "./_series.ts";
import type { PlotlyTrace } from "./types.ts";

/** A plotly line trace of a numeric series over `x` (NaN values become gaps). */
export function lineTrace(
  name: string,
  x: (string | null)[],
  y: ArrayLike<number>,
  line: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): PlotlyTrace {
  return { type: "scatter", mode: "lines", name, x, y: toJsonNumbers(y), line, ...extra };
}

/**
 * One line per named series (overlays, benchmarks, indicator panels), each checked against
 * the time axis (`argName.<name>` in errors) and coloured from the palette from `firstColor`.
 */
export function namedLines(
  argName: string,
  series: Record<string, Float64Array> | undefined,
  x: (string | null)[],
  width: number,
  firstColor: number,
  extra: Record<string, unknown> = {},
): PlotlyTrace[] {
  return Object.entries(series ?? {}).map(([name, values], i) => {
    assertSeries(`${argName}.${name}`, x.length, values);
    const color = palette.lines[(firstColor + i) % palette.lines.length];
    return lineTrace(name, x, values, { width, color }, extra);
  });
}
