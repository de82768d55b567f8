import type { TardisProgress } from "./types.ts";

/**
 * Options of {@linkcode createDownloadProgressBar}.
 *
 * @example
 * ```ts
 * import type { DownloadProgressBarOptions } from "@quantbook/sdk/tardis";
 * const opts: DownloadProgressBarOptions = { label: "trades", width: 20 };
 * ```
 */
export interface DownloadProgressBarOptions {
  /** Text before the bar (default `"download"`). */
  label?: string;
  /** Bar width in characters (default 30). */
  width?: number;
  /** Minimum ms between redraws (default 100). */
  intervalMs?: number;
  /** Output (default: stderr). Redraws in place with `\r` on a terminal, else one line per file. */
  write?: (text: string) => void;
  /** Redraw in place (default: whether stderr is a terminal). */
  inPlace?: boolean;
}

/**
 * A terminal progress bar fed by `onProgress`.
 *
 * @example
 * ```ts
 * import { createDownloadProgressBar, type DownloadProgressBar } from "@quantbook/sdk/tardis";
 * const bar: DownloadProgressBar = createDownloadProgressBar();
 * bar.done();
 * ```
 */
export interface DownloadProgressBar {
  /** Pass as `onProgress` (already bound). */
  update: (progress: TardisProgress) => void;
  /** Draws the final state and ends the line. */
  done: () => void;
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

function render(progress: TardisProgress, label: string, width: number): string {
  const known = Number.isFinite(progress.totalBytes) && progress.totalBytes > 0;
  let fraction = progress.filesDone / Math.max(progress.filesTotal, 1);
  if (progress.filesTotal === 1 && progress.filesDone === 0 && known) {
    fraction = Math.min(1, progress.bytes / progress.totalBytes);
  }
  const filled = Math.round(fraction * width);
  const bar = "#".repeat(filled) + ".".repeat(width - filled);
  return `${label} [${bar}] ${Math.round(fraction * 100)}% ${megabytes(progress.bytes)} MB ` +
    `${progress.filesDone}/${progress.filesTotal} files`;
}

/**
 * A terminal progress bar for long downloads: pass `bar.update` as `onProgress` of
 * `fetchDataset`/`fetchDatasets`, then call `bar.done()`. On a terminal it redraws one line
 * in place (throttled); otherwise it prints a line per finished file.
 *
 * @example
 * ```ts
 * import { createDownloadProgressBar, fetchDataset } from "@quantbook/sdk/tardis";
 * const bar = createDownloadProgressBar({ label: "BTCUSDT trades" });
 * await fetchDataset({
 *   exchange: "binance-futures",
 *   dataType: "trades",
 *   date: "2024-03-01",
 *   symbol: "BTCUSDT",
 *   onProgress: bar.update,
 * });
 * bar.done();
 * ```
 */
export function createDownloadProgressBar(
  options: DownloadProgressBarOptions = {},
): DownloadProgressBar {
  const label = options.label ?? "download";
  const width = options.width ?? 30;
  const interval = options.intervalMs ?? 100;
  const encoder = new TextEncoder();
  const write = options.write ?? ((text: string) => Deno.stderr.writeSync(encoder.encode(text)));
  const inPlace = options.inPlace ?? Deno.stderr.isTerminal();
  let last: TardisProgress | undefined;
  let drawnAt = -Infinity;
  let filesShown = 0;
  const update = (progress: TardisProgress) => {
    last = progress;
    if (inPlace) {
      const now = performance.now();
      if (now - drawnAt < interval && progress.filesDone !== progress.filesTotal) return;
      drawnAt = now;
      write(`\r${render(progress, label, width)}`);
    } else if (progress.filesDone > filesShown) {
      filesShown = progress.filesDone;
      write(`${render(progress, label, width)}\n`);
    }
  };
  const done = () => {
    if (last === undefined) return;
    if (inPlace) write(`\r${render(last, label, width)}\n`);
    else if (last.filesDone > filesShown) write(`${render(last, label, width)}\n`);
  };
  return { update, done };
}
