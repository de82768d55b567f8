import type { Table } from "../series/types.ts";
import { TardisCsvParser } from "./_csv_parser.ts";
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
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Parses a Tardis.dev CSV (gzipped or plain) from a byte stream or buffer into columns:
 * numeric cells become `Float64Array` (empty cell = NaN), `exchange`/`symbol`/`side`/`type`
 * become interned `string[]`, `id` a `string[]`, and `is_snapshot` a `Float64Array` of 1/0.
 * The bytes are parsed as they are decompressed, with no object or string per numeric cell.
 * An empty input (a day without data) gives empty columns.
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
  const source = options.source ?? "CSV";
  const parser = new TardisCsvParser({
    dataType: options.dataType,
    columns: options.columns,
    source,
  });
  const stream = input instanceof Uint8Array ? bytesStream(input) : input;
  const reader = stream.getReader();
  const first = await readNonEmpty(reader);
  if (first === undefined) return parser.finish();
  const compression = options.compression ?? "auto";
  const gzipped = compression === "gzip" ||
    (compression === "auto" && first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1);
  const rest = restStream(first, reader, options.onBytes);
  try {
    const chunks = gzipped ? rest.pipeThrough(gunzip()) : rest;
    for await (const chunk of chunks) parser.push(chunk);
  } catch (error) {
    if (error instanceof TypeError && /gzip|deflate/i.test(error.message)) {
      throw new Error(
        `${source}: truncated or corrupt gzip data (${error.message}). The download was cut ` +
          `or the file is damaged: delete it and download again.`,
        { cause: error },
      );
    }
    throw error;
  }
  return parser.finish();
}

function gunzip(): ReadableWritablePair<Uint8Array, Uint8Array> {
  return new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
}

function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function readNonEmpty(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<Uint8Array | undefined> {
  while (true) {
    const { done, value } = await reader.read();
    if (done) return undefined;
    if (value.length > 0) return value;
  }
}

function restStream(
  first: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  onBytes: ((bytes: number) => void) | undefined,
): ReadableStream<Uint8Array> {
  let sentFirst = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentFirst) {
        sentFirst = true;
        onBytes?.(first.length);
        controller.enqueue(first);
        return;
      }
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      onBytes?.(value.length);
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
}
