import type { Bars } from "../series/types.ts";
import { prepareSmaSweep, SWEEP_COLUMNS } from "./_sma_kernel.ts";
import type { SmaCrossSweepOptions } from "./sma_sweep.ts";

/**
 * {@linkcode smaCrossSweep} spread across Web Workers: the combinations are split into
 * `workers` contiguous chunks (default: the number of logical CPUs, at most 8), each worker
 * computes the SMAs it needs and runs the same kernel, and the columns are joined in the
 * same order as the single-threaded result (identical numbers). Worth it for large grids on
 * idle cores; small grids are faster single-threaded (a worker takes tens of ms to start).
 *
 * @example
 * ```ts
 * import { smaCrossSweepParallel } from "@quantbook/sdk/backtest";
 * const close = Float64Array.from({ length: 500 }, (_, i) => 100 + 10 * Math.sin(i / 20));
 * const bars = {
 *   timestamp: Float64Array.from(close, (_, i) => i * 86_400e6),
 *   open: close, high: close, low: close, close,
 *   volume: new Float64Array(close.length),
 * };
 * const table = await smaCrossSweepParallel(bars, { fast: [5, 10], slow: [50, 100] }, 2);
 * table.sharpe.length; // 4
 * ```
 */
export async function smaCrossSweepParallel(
  bars: Bars,
  options: SmaCrossSweepOptions,
  workers: number = Math.min(8, navigator.hardwareConcurrency || 1),
): Promise<Record<string, Float64Array>> {
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers must be an integer >= 1 (got ${workers})`);
  }
  const { open, close, fast, slow, params } = prepareSmaSweep(bars, options);
  const total = fast.length;
  const chunks = Math.min(workers, total);
  const size = Math.ceil(total / chunks);
  const url = new URL("./_sma_sweep_worker.ts", import.meta.url).href;
  const started: Worker[] = [];
  try {
    const parts = await Promise.all(
      Array.from({ length: chunks }, (_, c) => {
        const from = c * size;
        const to = Math.min(total, from + size);
        const worker = new Worker(url, { type: "module" });
        started.push(worker);
        return new Promise<Float64Array[]>((resolve, reject) => {
          worker.onmessage = (e: MessageEvent<Float64Array[]>) => resolve(e.data);
          worker.onerror = (e) => {
            e.preventDefault();
            reject(new Error(`sweep worker ${c} failed: ${e.message}`));
          };
          worker.postMessage({
            open,
            close,
            fast: fast.slice(from, to),
            slow: slow.slice(from, to),
            params,
          });
        });
      }),
    );
    const out: Record<string, Float64Array> = { fast, slow };
    SWEEP_COLUMNS.forEach((name, j) => {
      const col = new Float64Array(total);
      parts.forEach((part, c) => col.set(part[j], c * size));
      out[name] = col;
    });
    return out;
  } finally {
    for (const w of started) w.terminate();
  }
}
