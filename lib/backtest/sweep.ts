/**
 * A parameter grid: each key lists the values to try.
 *
 * @example
 * ```ts
 * import type { ParamGrid } from "@quantbook/sdk/backtest";
 * const grid: ParamGrid = { fast: [5, 10, 20], slow: [50, 100] };
 * ```
 */
export type ParamGrid = Record<string, readonly number[]>;

/**
 * Caches a value per key for the duration of one {@linkcode sweep}: use it so each
 * indicator is computed once per distinct parameter, not once per combination.
 *
 * @example
 * ```ts
 * import type { SweepMemo } from "@quantbook/sdk/backtest";
 * const useMemo = (memo: SweepMemo) => memo("sma:10", () => new Float64Array(3));
 * ```
 */
export type SweepMemo = <T>(key: string, compute: () => T) => T;

/**
 * Options of {@linkcode sweep}.
 *
 * @example
 * ```ts
 * import type { SweepOptions } from "@quantbook/sdk/backtest";
 * const opts: SweepOptions = { where: (p) => p.fast < p.slow };
 * ```
 */
export interface SweepOptions {
  /** Keeps only the combinations for which it returns true (default: all). */
  where?: (params: Record<string, number>) => boolean;
}

/**
 * Runs `run` on every combination of the grid (cartesian product, last key fastest) and
 * returns one row per combination as columns: the parameters, then every numeric field of
 * the results (e.g. the {@linkcode BacktestStats} of each run), ready for a heatmap with
 * {@linkcode sweepHeatmap}. `run` receives a `memo` to compute each indicator once per
 * distinct parameter. For SMA crossovers, {@linkcode smaCrossSweep} is a specialized, much
 * faster path.
 *
 * @example
 * ```ts
 * import { sweep } from "@quantbook/sdk/backtest";
 * const table = sweep({ a: [1, 2], b: [10, 20] }, (p, memo) => {
 *   const doubled = memo(`a:${p.a}`, () => p.a * 2);
 *   return { score: doubled + p.b };
 * });
 * table.score; // Float64Array [12, 22, 14, 24]
 * ```
 */
export function sweep(
  grid: ParamGrid,
  run: (params: Record<string, number>, memo: SweepMemo) => object,
  options: SweepOptions = {},
): Record<string, Float64Array> {
  const keys = Object.keys(grid);
  if (keys.length === 0) throw new RangeError("grid is empty: give at least one parameter");
  for (const k of keys) {
    if (!Array.isArray(grid[k]) || grid[k].length === 0) {
      throw new RangeError(`grid.${k} must be a non-empty array of values`);
    }
  }
  const cache = new Map<string, unknown>();
  const memo: SweepMemo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const combos: Record<string, number>[] = [];
  const idx = new Array(keys.length).fill(0);
  while (true) {
    const p: Record<string, number> = {};
    keys.forEach((k, j) => (p[k] = grid[k][idx[j]]));
    if (!options.where || options.where(p)) combos.push(p);
    let j = keys.length - 1;
    while (j >= 0 && ++idx[j] === grid[keys[j]].length) idx[j--] = 0;
    if (j < 0) break;
  }
  const out: Record<string, Float64Array> = {};
  for (const k of keys) out[k] = Float64Array.from(combos, (p) => p[k]);
  combos.forEach((p, row) => {
    const result = run(p, memo) as Record<string, unknown>;
    for (const [name, v] of Object.entries(result)) {
      if (typeof v !== "number" || name in grid) continue;
      (out[name] ??= new Float64Array(combos.length).fill(NaN))[row] = v;
    }
  });
  return out;
}

/**
 * Heatmap data from a sweep table: unique `x` and `y` parameter values (sorted) and the
 * matrix `z[yIndex][xIndex]` of the `value` column (NaN where a combination is missing), the
 * shape plotly's heatmap trace takes.
 *
 * @example
 * ```ts
 * import { sweepHeatmap } from "@quantbook/sdk/backtest";
 * const table = {
 *   fast: new Float64Array([5, 5, 10]),
 *   slow: new Float64Array([20, 50, 50]),
 *   sharpe: new Float64Array([0.1, 0.5, 0.7]),
 * };
 * sweepHeatmap(table, "fast", "slow", "sharpe");
 * // { x: [5, 10], y: [20, 50], z: [[0.1, NaN], [0.5, 0.7]] }
 * ```
 */
export function sweepHeatmap(
  table: Record<string, Float64Array>,
  x: string,
  y: string,
  value: string,
): { x: number[]; y: number[]; z: number[][] } {
  for (const k of [x, y, value]) {
    if (!(table[k] instanceof Float64Array)) {
      throw new RangeError(`table has no numeric column "${k}" (columns: ${Object.keys(table)})`);
    }
  }
  const xs = [...new Set(table[x])].sort((a, b) => a - b);
  const ys = [...new Set(table[y])].sort((a, b) => a - b);
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));
  const z = ys.map(() => xs.map(() => NaN));
  for (let r = 0; r < table[x].length; r++) {
    z[yi.get(table[y][r])!][xi.get(table[x][r])!] = table[value][r];
  }
  return { x: xs, y: ys, z };
}
