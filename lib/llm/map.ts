/**
 * Outcome of one item of {@linkcode mapLlm}, at the item's input position.
 *
 * @example
 * ```ts
 * import type { MapLlmResult } from "@quantbook/sdk/llm";
 * const r: MapLlmResult<number> = { index: 0, ok: false, error: "HTTP 500" };
 * ```
 */
export type MapLlmResult<R> =
  | { index: number; ok: true; value: R }
  | { index: number; ok: false; error: string };

/**
 * Options of {@linkcode mapLlm}.
 *
 * @example
 * ```ts
 * import type { MapLlmOptions } from "@quantbook/sdk/llm";
 * const opts: MapLlmOptions = { concurrency: 16, onProgress: (done, total) => {} };
 * ```
 */
export interface MapLlmOptions {
  /** Items processed at once (default 8). The client's own limit still applies. */
  concurrency?: number;
  /** Called after each item with done/total/failed counts. */
  onProgress?: (done: number, total: number, failed: number) => void;
  /**
   * Draw a progress bar on stderr, redrawn at most every 100 ms and at the end (default:
   * when stderr is a terminal, i.e. in scripts).
   */
  progress?: boolean;
  /**
   * Stops taking new items; once the items in flight have settled, the call rejects with
   * the signal's reason.
   */
  signal?: AbortSignal;
}

function isFailure(value: unknown): value is { ok: false; error: unknown } {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false &&
    "error" in value;
}

function stderrIsTerminal(): boolean {
  try {
    return Deno.stderr.isTerminal();
  } catch {
    return false;
  }
}

function drawBar(done: number, total: number, failed: number, startedAt: number): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const rate = done / Math.max(1e-3, (performance.now() - startedAt) / 1000);
  const line = `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}` +
    `${failed ? ` (${failed} failed)` : ""} ${rate.toFixed(1)}/s${done === total ? "\n" : ""}`;
  Deno.stderr.writeSync(new TextEncoder().encode(line));
}

/**
 * Runs `fn` over `items` with bounded concurrency and returns one result per item in input
 * order. A thrown error, or a returned `{ ok: false, error }` (like a failed `llmJson`), is
 * that item's failure (so `mapLlm(items, (x) => llmJson(llm, ...))` yields the successes as
 * values); nothing is dropped and nothing is invented.
 *
 * @example
 * ```ts
 * import { mapLlm } from "@quantbook/sdk/llm";
 * const out = await mapLlm([1, 2, 3], async (x) => x * 2, { concurrency: 2 });
 * out.map((r) => (r.ok ? r.value : r.error)); // [2, 4, 6]
 * ```
 */
export async function mapLlm<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
  options: MapLlmOptions = {},
): Promise<MapLlmResult<Exclude<R, { ok: false }>>[]> {
  if (!Array.isArray(items)) throw new TypeError("mapLlm: items must be an array");
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`mapLlm: concurrency must be an integer >= 1, got ${concurrency}`);
  }
  const results = new Array<MapLlmResult<Exclude<R, { ok: false }>>>(items.length);
  const showBar = options.progress ?? stderrIsTerminal();
  const startedAt = performance.now();
  let drawnAt = -Infinity;
  let next = 0;
  let done = 0;
  let failed = 0;
  const worker = async () => {
    while (next < items.length) {
      if (options.signal?.aborted) throw options.signal.reason;
      const index = next++;
      try {
        const value = await fn(items[index], index);
        results[index] = isFailure(value)
          ? { index, ok: false, error: String(value.error) }
          : { index, ok: true, value: value as Exclude<R, { ok: false }> };
      } catch (e) {
        if (options.signal?.aborted) throw options.signal.reason;
        results[index] = { index, ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      done++;
      if (!results[index].ok) failed++;
      options.onProgress?.(done, items.length, failed);
      if (showBar && (done === items.length || performance.now() - drawnAt >= 100)) {
        drawnAt = performance.now();
        drawBar(done, items.length, failed, startedAt);
      }
    }
  };
  // On abort, wait for the items in flight to settle before rejecting: nothing keeps
  // running behind the caller's back.
  const workers = await Promise.allSettled(
    Array.from({ length: Math.min(concurrency, items.length) }, worker),
  );
  const aborted = workers.find((w) => w.status === "rejected");
  if (aborted) throw aborted.reason;
  return results;
}
