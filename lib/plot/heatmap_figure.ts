import { makeFigure } from "./_figure.ts";
import { axis, baseLayout, palette } from "./_layout.ts";
import type { Figure } from "./types.ts";

/**
 * Options for {@link sweepHeatmapFigure}: which columns of the sweep table to use.
 *
 * @example
 * ```ts
 * import type { SweepHeatmapOptions } from "@quantbook/sdk/plot";
 * const opts: SweepHeatmapOptions = { x: "fast", y: "slow", z: "sharpe" };
 * ```
 */
export interface SweepHeatmapOptions {
  /** Column of the first parameter (x axis). */
  x: string;
  /** Column of the second parameter (y axis). */
  y: string;
  /** Column of the metric to colour by (e.g. `"sharpe"`, `"totalReturnPct"`). */
  z: string;
  /**
   * How to combine rows that share an (x, y) cell because other parameters vary:
   * `"max"` (default: the best), `"mean"` or `"min"`. NaN metrics are ignored.
   */
  reduce?: "max" | "mean" | "min";
  /**
   * The metric value drawn in the neutral middle colour (default 0: losses red, gains green,
   * even when every cell is on one side); `null` stretches the colours over the values'
   * range instead (more contrast, but a red cell may then be a positive value).
   */
  midpoint?: number | null;
  /** Figure title (default `"<z> by <x> and <y>"`). */
  title?: string;
  /** Figure height in pixels (default 480). */
  height?: number;
}

/**
 * A heatmap of a parameter sweep: one cell per (x, y) parameter pair, coloured by a metric
 * (red below `midpoint`, default 0, green above); empty cells are combinations that were
 * not run.
 *
 * @example
 * ```ts
 * import { sweepHeatmapFigure } from "@quantbook/sdk/plot";
 * const results = {
 *   fast: new Float64Array([5, 5, 10, 10]),
 *   slow: new Float64Array([20, 40, 20, 40]),
 *   sharpe: new Float64Array([0.4, 0.9, 1.2, 0.1]),
 * };
 * const fig = sweepHeatmapFigure(results, { x: "fast", y: "slow", z: "sharpe" });
 * fig.data[0].z; // [[0.4, 1.2], [0.9, 0.1]]
 * ```
 */
export function sweepHeatmapFigure(
  table: Record<string, ArrayLike<number> | readonly string[]>,
  options: SweepHeatmapOptions,
): Figure {
  const xs = numericColumn(table, options.x, "x");
  const ys = numericColumn(table, options.y, "y");
  const zs = numericColumn(table, options.z, "z");
  if (xs.length !== ys.length || xs.length !== zs.length) {
    throw new RangeError(
      `sweepHeatmapFigure: columns "${options.x}", "${options.y}", "${options.z}" have ` +
        `lengths ${xs.length}, ${ys.length}, ${zs.length}; a sweep table has equal-length columns.`,
    );
  }
  const xValues = [...new Set(Array.from(xs))].sort((a, b) => a - b);
  const yValues = [...new Set(Array.from(ys))].sort((a, b) => a - b);
  const xIndex = new Map(xValues.map((v, i) => [v, i]));
  const yIndex = new Map(yValues.map((v, i) => [v, i]));
  const reduce = options.reduce ?? "max";
  const sum = yValues.map(() => new Float64Array(xValues.length).fill(NaN));
  const count = yValues.map(() => new Float64Array(xValues.length));
  for (let i = 0; i < zs.length; i++) {
    const z = zs[i];
    if (!Number.isFinite(z)) continue;
    const row = sum[yIndex.get(ys[i])!];
    const col = xIndex.get(xs[i])!;
    const prev = row[col];
    if (Number.isNaN(prev)) row[col] = z;
    else if (reduce === "mean") row[col] = prev + z;
    else row[col] = reduce === "max" ? Math.max(prev, z) : Math.min(prev, z);
    count[yIndex.get(ys[i])!][col]++;
  }
  const grid = sum.map((row, r) =>
    Array.from(row, (v, c) => {
      if (Number.isNaN(v)) return null;
      return reduce === "mean" ? v / count[r][c] : v;
    })
  );
  return makeFigure([{
    type: "heatmap",
    name: options.z,
    x: xValues,
    y: yValues,
    z: grid,
    colorscale: palette.diverging,
    ...(options.midpoint === null ? {} : { zmid: options.midpoint ?? 0 }),
    colorbar: { title: { text: options.z } },
    hovertemplate: `${options.x}=%{x}<br>${options.y}=%{y}<br>${options.z}=%{z:.3f}<extra></extra>`,
  }], {
    ...baseLayout(
      options.title ?? `${options.z} by ${options.x} and ${options.y}`,
      options.height ?? 480,
    ),
    hovermode: "closest",
    xaxis: axis({ title: { text: options.x } }),
    yaxis: axis({ title: { text: options.y } }),
  });
}

function numericColumn(
  table: Record<string, ArrayLike<number> | readonly string[]>,
  name: string,
  option: string,
): ArrayLike<number> {
  const column = table?.[name];
  if (column === undefined) {
    const known = Object.keys(table ?? {}).join(", ");
    throw new RangeError(
      `sweepHeatmapFigure: options.${option} names column "${name}", which the table does ` +
        `not have; columns are: ${known}.`,
    );
  }
  if (Array.isArray(column) && column.some((v) => typeof v !== "number")) {
    throw new TypeError(
      `sweepHeatmapFigure: column "${name}" (options.${option}) must be numeric.`,
    );
  }
  return column as ArrayLike<number>;
}
