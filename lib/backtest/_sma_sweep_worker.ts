/**
 * Web Worker entry of {@linkcode smaCrossSweepParallel}: runs one chunk of combinations with
 * the same kernel as the single-threaded sweep and posts the columns back (transferred).
 */
import { runSweep, type SweepParams } from "./_sma_kernel.ts";

interface Job {
  open: Float64Array;
  close: Float64Array;
  fast: Float64Array;
  slow: Float64Array;
  params: SweepParams;
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<Job>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (e) => {
  const { open, close, fast, slow, params } = e.data;
  const cols = runSweep(open, close, fast, slow, params);
  scope.postMessage(cols, cols.map((c) => c.buffer as ArrayBuffer));
};
