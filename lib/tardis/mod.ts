/**
 * Tardis.dev data layer: dataset URLs, downloads with a disk cache, a streaming byte-level
 * CSV parser into typed columns, trade bars, order-book snapshots and features, exchange
 * metadata, and a seeded sample-data generator for offline work.
 *
 * @example
 * ```ts
 * import { fetchDataset, tradeBars } from "@quantbook/sdk/tardis";
 * const trades = await fetchDataset({
 *   exchange: "binance-futures",
 *   dataType: "trades",
 *   date: "2024-03-01",
 *   symbol: "BTCUSDT",
 *   cacheDir: "./datasets",
 * });
 * const bars = tradeBars(trades, { by: "time", interval: "1m" });
 * ```
 *
 * @module
 */
export type { Bars, Table } from "../series/types.ts";
export type {
  TardisDataType,
  TardisProgress,
  TardisRequestOptions,
  TardisRetryOptions,
} from "./types.ts";
export { parseTardisCsv, type ParseTardisCsvOptions } from "./parse_csv.ts";
export {
  TARDIS_DATASETS_ENDPOINT,
  tardisCacheFileName,
  type TardisDatasetRef,
  tardisDatasetUrl,
  tardisSymbolSlug,
} from "./dataset_url.ts";
export {
  type SampleDatasetFile,
  type SampleDatasetsOptions,
  type SampleDataType,
  writeSampleDatasets,
} from "./sample_data.ts";
export { fetchDataset, type FetchDatasetOptions } from "./fetch_dataset.ts";
export { TardisError } from "./tardis_error.ts";
export {
  serveTardisDatasets,
  type ServeTardisDatasetsOptions,
  type TardisDatasetServer,
} from "./serve_datasets.ts";
export { fetchDatasets, type FetchDatasetsOptions } from "./fetch_datasets.ts";
export {
  fetchApiKeyInfo,
  fetchExchangeInfo,
  fetchExchanges,
  TARDIS_API_ENDPOINT,
  type TardisApiKeyAccess,
  type TardisDatasetSymbol,
  type TardisExchange,
  type TardisExchangeInfo,
  type TardisMetadataOptions,
} from "./metadata.ts";
export {
  createDownloadProgressBar,
  type DownloadProgressBar,
  type DownloadProgressBarOptions,
} from "./progress_bar.ts";
export { type TradeBarOptions, tradeBars } from "./trade_bars.ts";
export { splitBySymbol } from "./split_by_symbol.ts";
export { bookSnapshotsFromL2, type BookSnapshotsFromL2Options } from "./book_from_l2.ts";
export {
  alignDerivativeTicker,
  type AlignDerivativeTickerOptions,
  type FundingSettlements,
  fundingSettlements,
} from "./derivative_ticker.ts";
