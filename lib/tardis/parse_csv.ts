import type { Table } from "../series/types.ts";
import { TardisCsvParser } from "./_csv_parser.ts";
import { gunzipInWorker, startGunzipWorker } from "./_gunzip_in_worker.ts";
import { bytesStream, gunzip, isGzip, peekStream } from "./_streams.ts";
import { TardisError } from "./tardis_error.ts";
import type { TardisDataType } from "./types.ts";

/**
 * Options of {@linkcode parseTardisCsv}.
 *
 * @example
 * ```ts
 * import type { ParseTardisCsvOptions } from "@quantbook/sdk/tardis";
 * const opts: ParseTardisCsvOptions = { dataType: "trades", columns: ["timestamp", "price"] };
 * ```
 */
export interface ParseTardisCsvOptions {
  /** Expected data type; the header must then be its official header (default: any header). */
  dataType?: TardisDataType;
  /** Keep only these columns (default: all). */
  columns?: readonly string[];
  /** `"auto"` (default) detects gzip by its magic bytes; `"gzip"` or `"none"` force it. */
  compression?: "auto" | "gzip" | "none";
  /** Name used in error messages (default `"CSV"`). */
  source?: string;
  /** Called with the size of each compressed chunk as it is consumed. */
  onBytes?: (bytes: number) => void;
  /**
   * Size of the input in bytes when known (file size, `Content-Length`): sizes the columns
   * once instead of growing them, and enables the worker.
   */
  inputBytes?: number;
  /** Decompressed size when known (e.g. the gzip trailer of a file): an exact sizing hint. */
  outputBytes?: number;
  /**
   * Decompress gzip on a worker thread, overlapping with parsing: `"auto"` (default) when
   * `inputBytes` is at least 4 MB, or always/never. Falls back to the calling thread when
   * workers are unavailable.
   */
  worker?: "auto" | boolean;
  /** Stops parsing (rejecting with the signal's reason) when aborted. */
  signal?: AbortSignal;
}

const WORKER_MIN_BYTES = 4 << 20;

/**
 * Parses a Tardis.dev CSV (gzipped or plain) from a byte stream or buffer into columns:
 * numeric cells become `Float64Array` (empty cell = NaN), `exchange`/`symbol`/`side`/`type`
 * become interned `string[]`, `id` a `string[]`, and `is_snapshot` a `Float64Array` of 1/0.
 * The bytes are parsed as they are decompressed, with no object or string per numeric cell.
 * An empty input (a day without data) gives empty columns. Truncated or corrupt gzip data
 * raises a {@linkcode TardisError}; a header that is not `dataType`'s, or a malformed row,
 * raises an `Error` naming the row and column.
 *
 * @example
 * ```ts
 * import { parseTardisCsv } from "@quantbook/sdk/tardis";
 * const csv = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n" +
 *   "bitmex,XBTUSD,1585699200245000,1585699200254000,a1,sell,6424,1000\n";
 * const table = await parseTardisCsv(new TextEncoder().encode(csv), { dataType: "trades" });
 * table.price; // Float64Array [6424]
 * table.side; // ["sell"]
 * ```
 */
export async function parseTardisCsv(
  input: ReadableStream<Uint8Array> | Uint8Array,
  options: ParseTardisCsvOptions = {},
): Promise<Table> {
  const run = new ParseRun(
    options,
    options.inputBytes ?? (input instanceof Uint8Array ? input.length : undefined),
  );
  const { first, stream } = await peekStream(
    input instanceof Uint8Array ? bytesStream(input) : input,
    run.countInput,
  );
  if (first === undefined) return run.parser.finish();
  const compression = options.compression ?? "auto";
  const gzipped = compression === "gzip" || (compression === "auto" && isGzip(first));
  if (!gzipped) return await run.parse(stream, false);
  const useWorker = options.worker === true ||
    ((options.worker ?? "auto") === "auto" && (run.inputBytes ?? 0) >= WORKER_MIN_BYTES);
  const worker = useWorker ? await startGunzipWorker() : undefined;
  if (worker === undefined) return await run.parse(stream.pipeThrough(gunzip()), true);
  return await run.parse(gunzipInWorker(worker, stream), false);
}

/**
 * Parses a gzip file of `options.inputBytes` bytes: a worker reads and decompresses it (when
 * workers are available and `options.worker` allows), else it is streamed on this thread.
 * The worker takes some 50 ms to start: meanwhile the start of the file is decompressed and
 * parsed here, and the worker goes on from there.
 */
export async function parseTardisGzipFile(
  path: string,
  options: ParseTardisCsvOptions,
): Promise<Table> {
  const useWorker = options.worker === true ||
    ((options.worker ?? "auto") === "auto" && (options.inputBytes ?? 0) >= WORKER_MIN_BYTES);
  const file = await Deno.open(path);
  if (!useWorker) return await parseTardisCsv(file.readable, options);
  const run = new ParseRun(options, options.inputBytes);
  return await run.parse(headStartThenWorker(path, file, run.countInput), false);
}

/**
 * Chunks of the gzip `file`, decompressed here until the worker is ready, then by the worker
 * from the first byte not yet parsed (all here when no worker can start).
 */
async function* headStartThenWorker(
  path: string,
  file: Deno.FsFile,
  countInput: (bytes: number) => void,
): AsyncGenerator<Uint8Array, void, undefined> {
  // null while the worker starts, undefined when none could start.
  const started: { worker: Worker | undefined | null } = { worker: null };
  const starting = startGunzipWorker().then((worker) => started.worker = worker);
  let inputSeen = 0;
  let outputSeen = 0;
  const counted = file.readable.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        inputSeen += chunk.length;
        countInput(chunk.length);
        controller.enqueue(chunk);
      },
    }),
  );
  const local = counted.pipeThrough(gunzip()).getReader();
  try {
    while (started.worker === null || started.worker === undefined) {
      const { done, value } = await local.read();
      if (done) return;
      outputSeen += value.length;
      yield value;
    }
  } finally {
    await local.cancel().catch(() => {});
    // Stopped before the worker was ready: end it once it is.
    if (started.worker === null) (await starting)?.terminate();
  }
  const worker: Worker = started.worker;
  yield* gunzipInWorker(worker, { path, skipOutput: outputSeen, inputSeen }, countInput);
}

/** One parse: the parser, its sizing estimate and the byte counters behind it. */
class ParseRun {
  readonly parser: TardisCsvParser;
  readonly inputBytes: number | undefined;
  readonly #options: ParseTardisCsvOptions;
  #consumed = 0;
  #produced = 0;

  constructor(options: ParseTardisCsvOptions, inputBytes: number | undefined) {
    this.#options = options;
    this.inputBytes = inputBytes;
    this.parser = new TardisCsvParser({
      dataType: options.dataType,
      columns: options.columns,
      source: options.source ?? "CSV",
      estimateTotalBytes: () => {
        if (options.outputBytes !== undefined) return options.outputBytes;
        if (inputBytes === undefined || this.#consumed === 0) return undefined;
        return (inputBytes / this.#consumed) * this.#produced;
      },
    });
  }

  /** Counts compressed (or plain) input bytes as they are used. */
  countInput = (bytes: number): void => {
    this.#consumed += bytes;
    this.#options.onBytes?.(bytes);
  };

  /**
   * Feeds the decompressed `chunks` to the parser; `ownChunks` when each chunk's buffer is
   * ours alone (DecompressionStream), so its memory is freed at once instead of at the next
   * GC.
   */
  async parse(chunks: AsyncIterable<Uint8Array>, ownChunks: boolean): Promise<Table> {
    try {
      for await (const chunk of chunks) {
        this.#options.signal?.throwIfAborted();
        this.#produced += chunk.length;
        this.parser.push(chunk);
        const buffer = chunk.buffer;
        if (ownChunks && buffer instanceof ArrayBuffer && buffer.byteLength === chunk.byteLength) {
          buffer.transfer(0);
        }
      }
    } catch (error) {
      if (error instanceof TypeError && /gzip|deflate|checksum/i.test(error.message)) {
        throw new TardisError(
          `${this.#options.source ?? "CSV"}: truncated or corrupt gzip data (${error.message}). ` +
            `The download was cut or the file is damaged: delete it and download again.`,
          { cause: error },
        );
      }
      throw error;
    }
    return this.parser.finish();
  }
}
