import type { Table } from "../series/types.ts";
import { loadDay, loadSettings, progressState } from "./_load_day.ts";
import type { TardisDatasetRef } from "./dataset_url.ts";
import type {
  TardisDataType,
  TardisProgress,
  TardisRequestOptions,
  TardisRetryOptions,
} from "./types.ts";

/**
 * Options of {@linkcode fetchDataset}.
 *
 * @example
 * ```ts
 * import type { FetchDatasetOptions } from "@quantbook/sdk/tardis";
 * const opts: FetchDatasetOptions = {
 *   exchange: "deribit",
 *   dataType: "derivative_ticker",
 *   date: "2024-03-01",
 *   symbol: "BTC-PERPETUAL",
 *   cacheDir: "./datasets",
 * };
 * ```
 */
export interface FetchDatasetOptions extends TardisDatasetRef, TardisRequestOptions {
  /** Data type; known types have their header checked. */
  dataType: TardisDataType | (string & Record<never, never>);
  /** Tardis API key sent as `Authorization: Bearer`; without one only the 1st of each month. */
  apiKey?: string;
  /** Datasets endpoint (default `https://datasets.tardis.dev/v1`). */
  endpoint?: string;
  /**
   * Disk cache directory. Files use the official clients' naming
   * `{exchange}_{dataType}_{YYYY-MM-DD}_{SYMBOL}.csv.gz`; a cached day is read without
   * network, and a download is written to a temp file renamed only once it parsed fully.
   * Default: no cache.
   */
  cacheDir?: string;
  /** Keep only these columns (default: all). */
  columns?: readonly string[];
  /** Retry policy (default: the official clients' rules). */
  retry?: TardisRetryOptions;
  /** Called as compressed bytes arrive and when the file is done. */
  onProgress?: (progress: TardisProgress) => void;
}

/**
 * Downloads (or reads from `cacheDir`) one day of a Tardis.dev dataset and parses it into
 * columns named as in the CSV header: numbers as `Float64Array` (timestamps in epoch µs,
 * empty cell = NaN), `exchange`/`symbol`/`side`/`id`/... as `string[]`. A day without data
 * gives empty columns. Fails with a {@linkcode TardisError} on 401 (a key is needed: only
 * the 1st of each month is free), 403, 404, a 429 asking for too long a wait, truncated or
 * corrupt gzip, and other failures once the retries are spent; a header that is not
 * `dataType`'s raises an `Error`. `is_snapshot` comes as a `Float64Array` of 1/0.
 *
 * @example
 * ```ts
 * import { fetchDataset } from "@quantbook/sdk/tardis";
 * const trades = await fetchDataset({
 *   exchange: "binance-futures",
 *   dataType: "trades",
 *   date: "2024-03-01",
 *   symbol: "BTCUSDT",
 *   cacheDir: "./datasets",
 * });
 * console.log(trades.price.length, trades.side[0]);
 * ```
 */
export async function fetchDataset(options: FetchDatasetOptions): Promise<Table> {
  const settings = loadSettings(options);
  return await loadDay(options, settings, progressState(1));
}
