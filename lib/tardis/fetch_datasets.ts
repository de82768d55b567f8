import type { Table } from "../series/types.ts";
import { toUtcDay, utcDaysBetween } from "./_date.ts";
import { loadDay, loadSettings, progressState } from "./_load_day.ts";
import { concatTables, mergeTablesByKey } from "./_table.ts";
import type { FetchDatasetOptions } from "./fetch_dataset.ts";

/**
 * Options of {@linkcode fetchDatasets}: a date range and several symbols, plus everything
 * {@linkcode fetchDataset} takes.
 *
 * @example
 * ```ts
 * import type { FetchDatasetsOptions } from "@quantbook/sdk/tardis";
 * const opts: FetchDatasetsOptions = {
 *   exchange: "binance-futures",
 *   dataType: "trades",
 *   symbols: ["BTCUSDT", "ETHUSDT"],
 *   from: "2024-03-01",
 *   to: "2024-03-03",
 *   cacheDir: "./datasets",
 * };
 * ```
 */
export interface FetchDatasetsOptions extends Omit<FetchDatasetOptions, "date" | "symbol"> {
  /** Symbols (at least one). */
  symbols: readonly string[];
  /** First UTC day (inclusive), `"YYYY-MM-DD"` or a Date. */
  from: string | Date;
  /** Last UTC day, exclusive like the official clients (`to: "2024-03-02"` = one day). */
  to: string | Date;
  /** Files downloaded at once (default 4). */
  concurrency?: number;
}

/**
 * Downloads (or reads from `cacheDir`) every day in `[from, to)` for each symbol with
 * bounded concurrency and returns one table in time order: days are concatenated, and
 * several symbols are merged by `local_timestamp` (the order of Tardis files). The first
 * failure aborts the other downloads and is rethrown. `onProgress` sees the bytes and
 * files of the whole request; pair it with {@linkcode createDownloadProgressBar} in scripts.
 *
 * @example
 * ```ts
 * import { createDownloadProgressBar, fetchDatasets } from "@quantbook/sdk/tardis";
 * const bar = createDownloadProgressBar({ label: "trades" });
 * const trades = await fetchDatasets({
 *   exchange: "binance-futures",
 *   dataType: "trades",
 *   symbols: ["BTCUSDT"],
 *   from: "2024-03-01",
 *   to: "2024-03-08",
 *   cacheDir: "./datasets",
 *   onProgress: bar.update,
 * });
 * bar.done();
 * ```
 */
export async function fetchDatasets(options: FetchDatasetsOptions): Promise<Table> {
  const symbols = options.symbols;
  if (!Array.isArray(symbols) || symbols.length === 0) {
    throw new TypeError(`symbols: expected a non-empty array of symbols like ["BTCUSDT"].`);
  }
  const from = toUtcDay(options.from, "from");
  const to = toUtcDay(options.to, "to");
  const days = utcDaysBetween(from, to);
  if (days.length === 0) {
    throw new RangeError(
      `to (${to.iso}) must be after from (${from.iso}); to is exclusive: from "2024-03-01" ` +
        `to "2024-03-02" fetches one day.`,
    );
  }
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency: expected a positive integer, got ${concurrency}.`);
  }
  const stop = new AbortController();
  const signal = options.signal === undefined
    ? stop.signal
    : AbortSignal.any([options.signal, stop.signal]);
  const settings = loadSettings({ ...options, signal });
  const jobs = symbols.flatMap((symbol) => days.map((day) => ({ symbol, date: day.iso })));
  const state = progressState(jobs.length);
  const results = new Array<Table>(jobs.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < jobs.length && failure === undefined) {
      const index = next++;
      const job = jobs[index];
      try {
        results[index] = await loadDay(
          {
            exchange: options.exchange,
            dataType: options.dataType,
            date: job.date,
            symbol: job.symbol,
          },
          settings,
          state,
        );
      } catch (error) {
        failure ??= { error };
        stop.abort(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  if (failure !== undefined) throw failure.error;
  const perSymbol = symbols.map((_, s) =>
    concatTables(results.slice(s * days.length, (s + 1) * days.length))
  );
  return perSymbol.length === 1 ? perSymbol[0] : mergeTablesByKey(perSymbol, "local_timestamp");
}
