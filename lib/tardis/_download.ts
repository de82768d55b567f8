/** One dataset file: download with the official retry rules, parse while writing the cache. */
import type { Table } from "../series/types.ts";
import { tempPathFor } from "./_gzip_file.ts";
import { bytesStream, gzip, isGzip, peekStream } from "./_streams.ts";
import {
  authHeaders,
  formatWait,
  httpError,
  NO_RETRY_STATUSES,
  redactKey,
  sleep,
} from "./_http.ts";
import { parseTardisCsv } from "./parse_csv.ts";
import { TardisError } from "./tardis_error.ts";
import type { TardisDataType, TardisRetryOptions } from "./types.ts";

/** Retry options with every default filled in. */
export type RetryPolicy = Required<TardisRetryOptions>;

/** The official clients' retry defaults. */
export function retryPolicy(options: TardisRetryOptions = {}): RetryPolicy {
  const policy: RetryPolicy = {
    attempts: options.attempts ?? 5,
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 120_000,
    rateLimitDelayMs: options.rateLimitDelayMs ?? 60_000,
    maxWaitMs: options.maxWaitMs ?? 600_000,
  };
  for (const [name, value] of Object.entries(policy)) {
    if (!(value >= 0) || (name === "attempts" && !(Number.isInteger(value) && value >= 1))) {
      throw new RangeError(
        `retry.${name}: expected a non-negative number (attempts >= 1), got ${value}.`,
      );
    }
  }
  return policy;
}

/** What one file download needs. */
export interface DownloadRequest {
  url: string;
  source: string;
  apiKey: string | undefined;
  fetch: typeof fetch;
  signal: AbortSignal | undefined;
  retry: RetryPolicy;
  cachePath: string | undefined;
  dataType: TardisDataType | undefined;
  columns: readonly string[] | undefined;
  /** Compressed bytes consumed (negative to undo a failed attempt's bytes). */
  onBytes: (bytes: number) => void;
  /** `Content-Length` of the answer, once per successful response. */
  onTotal: (bytes: number) => void;
}

/** Downloads and parses one file, retrying like the official clients. */
export async function downloadDataset(request: DownloadRequest): Promise<Table> {
  const { retry, signal } = request;
  for (let attempt = 0;; attempt++) {
    let consumed = 0;
    let announced = 0;
    try {
      return await attemptDownload({
        ...request,
        onBytes: (bytes) => {
          consumed += bytes;
          request.onBytes(bytes);
        },
        onTotal: (bytes) => {
          announced = bytes;
          request.onTotal(bytes);
        },
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // A gzip error after the whole announced body arrived is a damaged file, not a
      // transfer problem: downloading it again would give the same bytes.
      const damaged = error instanceof TardisError && error.status === undefined &&
        announced > 0 && consumed >= announced;
      if (consumed > 0) request.onBytes(-consumed);
      if (announced > 0) request.onTotal(-announced);
      if (damaged || !isRetryable(error)) throw error;
      const status = error instanceof TardisError ? error.status : undefined;
      const backoff = Math.min(retry.baseDelayMs * 2 ** attempt, retry.maxDelayMs) +
        Math.random() * retry.baseDelayMs;
      let wait = backoff;
      if (status === 429) {
        const asked = (error as TardisError).retryAfterSeconds;
        wait = asked !== undefined ? asked * 1000 : backoff + retry.rateLimitDelayMs;
        if (wait > retry.maxWaitMs) {
          throw new TardisError(
            `${request.source}: Tardis rate limit or quota exhausted: it asks to wait ` +
              `${formatWait(wait / 1000)}, longer than retry.maxWaitMs ` +
              `(${formatWait(retry.maxWaitMs / 1000)}). Try again later or raise retry.maxWaitMs.`,
            {
              status,
              url: request.url,
              retryAfterSeconds: wait / 1000,
              cause: error,
            },
          );
        }
      }
      if (attempt + 1 >= retry.attempts) {
        const message = error instanceof Error ? error.message : String(error);
        throw new TardisError(
          `${request.source}: giving up after ${retry.attempts} attempts: ` +
            redactKey(message, request.apiKey),
          { status, url: request.url, cause: error },
        );
      }
      await sleep(wait, signal);
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof TardisError) {
    return error.status === undefined || !NO_RETRY_STATUSES.has(error.status);
  }
  // fetch and body-read failures (connection reset, cut stream) are TypeErrors.
  return error instanceof TypeError;
}

async function attemptDownload(request: DownloadRequest): Promise<Table> {
  const response = await request.fetch(request.url, {
    headers: authHeaders(request.apiKey),
    signal: request.signal,
  });
  if (!response.ok) throw await httpError(response, request.url, `Downloading ${request.source}`);
  const length = Number(response.headers.get("content-length") ?? NaN);
  if (Number.isFinite(length)) request.onTotal(length);
  const parseOptions = {
    dataType: request.dataType,
    columns: request.columns,
    source: request.source,
    onBytes: request.onBytes,
    inputBytes: Number.isFinite(length) ? length : undefined,
    signal: request.signal,
  };
  const body = response.body ?? bytesStream(new Uint8Array(0));
  if (request.cachePath === undefined) return await parseTardisCsv(body, parseOptions);

  // fetch decodes `Content-Encoding: gzip` itself: the cache must still hold gzip bytes.
  const { first, stream } = await peekStream(body);
  const gzipped = first === undefined || isGzip(first);
  const temp = tempPathFor(request.cachePath);
  const [fileBranch, toParser] = stream.tee();
  const toFile = gzipped ? fileBranch : fileBranch.pipeThrough(gzip());
  let file: Deno.FsFile;
  try {
    file = await Deno.open(temp, { write: true, createNew: true });
  } catch (error) {
    await Promise.allSettled([toFile.cancel(), toParser.cancel()]);
    throw error;
  }
  const stopWriting = new AbortController();
  const writing = toFile.pipeTo(file.writable, { signal: stopWriting.signal });
  try {
    const table = await parseTardisCsv(toParser, parseOptions);
    await writing;
    await Deno.rename(temp, request.cachePath);
    return table;
  } catch (error) {
    stopWriting.abort();
    await writing.catch(() => {});
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
