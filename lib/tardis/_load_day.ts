/** Loads one dataset day from the disk cache or the network, reporting progress. */
import type { Table } from "../series/types.ts";
import { downloadDataset, type RetryPolicy, retryPolicy } from "./_download.ts";
import { isTardisDataType } from "./_schema.ts";
import { isGzip } from "./_streams.ts";
import { parseTardisCsv, parseTardisGzipFile } from "./parse_csv.ts";
import {
  TARDIS_DATASETS_ENDPOINT,
  tardisCacheFileName,
  type TardisDatasetRef,
  tardisDatasetUrl,
} from "./dataset_url.ts";
import type { FetchDatasetOptions } from "./fetch_dataset.ts";
import type { TardisProgress } from "./types.ts";

/** Settings shared by every day of a request. */
export interface LoadSettings {
  apiKey: string | undefined;
  endpoint: string;
  cacheDir: string | undefined;
  columns: readonly string[] | undefined;
  fetch: typeof fetch;
  signal: AbortSignal | undefined;
  retry: RetryPolicy;
  onProgress: ((progress: TardisProgress) => void) | undefined;
}

/** Mutable progress counters shared by concurrent loads. */
export interface ProgressState {
  bytes: number;
  totalBytes: number;
  filesDone: number;
  filesTotal: number;
}

/** Creates counters for `filesTotal` files. */
export function progressState(filesTotal: number): ProgressState {
  return { bytes: 0, totalBytes: 0, filesDone: 0, filesTotal };
}

function report(settings: LoadSettings, state: ProgressState, file: string): void {
  settings.onProgress?.({
    bytes: state.bytes,
    totalBytes: state.totalBytes,
    filesDone: state.filesDone,
    filesTotal: state.filesTotal,
    file,
  });
}

/**
 * Decompressed size from the gzip trailer (ISIZE, the size mod 2^32), as a sizing hint; the
 * file position is reset to the start. Undefined when the file is not gzip or the value
 * cannot be right (deflate expands at most about 1032:1).
 */
async function gzipOutputSize(file: Deno.FsFile, size: number): Promise<number | undefined> {
  if (size < 18) return undefined;
  const head = await readExactly(file, 2);
  await file.seek(-4, Deno.SeekMode.End);
  const trailer = await readExactly(file, 4);
  await file.seek(0, Deno.SeekMode.Start);
  if (head === undefined || trailer === undefined || !isGzip(head)) return undefined;
  const isize = new DataView(trailer.buffer).getUint32(0, true);
  return isize >= size && isize <= size * 1032 ? isize : undefined;
}

async function readExactly(file: Deno.FsFile, length: number): Promise<Uint8Array | undefined> {
  const bytes = new Uint8Array(length);
  let read = 0;
  while (read < length) {
    const n = await file.read(bytes.subarray(read));
    if (n === null) return undefined;
    read += n;
  }
  return bytes;
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await Deno.stat(path);
    return info.isFile ? info.size : undefined;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** One day of one symbol as a table, from `cacheDir` when present there. */
export async function loadDay(
  ref: TardisDatasetRef,
  settings: LoadSettings,
  state: ProgressState,
): Promise<Table> {
  const url = tardisDatasetUrl(ref, settings.endpoint);
  const name = tardisCacheFileName(ref);
  const dataType = isTardisDataType(ref.dataType) ? ref.dataType : undefined;
  const onBytes = (bytes: number) => {
    state.bytes += bytes;
    report(settings, state, name);
  };
  let table: Table;
  const cachePath = settings.cacheDir === undefined
    ? undefined
    : `${settings.cacheDir.replace(/\/+$/, "")}/${name}`;
  const cachedSize = cachePath === undefined ? undefined : await fileSize(cachePath);
  if (cachePath !== undefined && cachedSize !== undefined) {
    state.totalBytes += cachedSize;
    settings.signal?.throwIfAborted();
    using file = await Deno.open(cachePath);
    const outputBytes = await gzipOutputSize(file, cachedSize);
    const options = {
      dataType,
      columns: settings.columns,
      source: cachePath,
      onBytes,
      inputBytes: cachedSize,
      outputBytes,
      signal: settings.signal,
    };
    // A gzip file (its trailer gave a size) is read by the decompressing worker itself.
    table = outputBytes === undefined
      ? await parseTardisCsv(file.readable, options)
      : await parseTardisGzipFile(cachePath, options);
  } else {
    if (settings.cacheDir !== undefined) await Deno.mkdir(settings.cacheDir, { recursive: true });
    table = await downloadDataset({
      url,
      source: name,
      apiKey: settings.apiKey,
      fetch: settings.fetch,
      signal: settings.signal,
      retry: settings.retry,
      cachePath,
      dataType,
      columns: settings.columns,
      onBytes,
      onTotal: (bytes) => {
        state.totalBytes += bytes;
      },
    });
  }
  state.filesDone++;
  report(settings, state, name);
  return table;
}

/** The options that configure loading: everything of fetchDataset but the day and symbol. */
export type SettingsOptions = Omit<FetchDatasetOptions, keyof TardisDatasetRef>;

/** Fills the defaults shared by fetchDataset and fetchDatasets. */
export function loadSettings(
  options: SettingsOptions,
): LoadSettings {
  if (options.apiKey !== undefined && typeof options.apiKey !== "string") {
    throw new TypeError("apiKey: expected a string (your Tardis.dev API key) or undefined.");
  }
  return {
    apiKey: options.apiKey || undefined,
    endpoint: options.endpoint ?? TARDIS_DATASETS_ENDPOINT,
    cacheDir: options.cacheDir,
    columns: options.columns,
    fetch: options.fetch ?? globalThis.fetch,
    signal: options.signal,
    retry: retryPolicy(options.retry),
    onProgress: options.onProgress,
  };
}
