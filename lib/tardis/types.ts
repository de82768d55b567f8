/**
 * Shared Tardis.dev types: data types, progress events and the request options every network
 * function accepts.
 */

/**
 * A Tardis.dev downloadable CSV data type.
 *
 * @example
 * ```ts
 * import type { TardisDataType } from "@quantbook/sdk/tardis";
 * const dataType: TardisDataType = "trades";
 * ```
 */
export type TardisDataType =
  | "trades"
  | "liquidations"
  | "incremental_book_L2"
  | "book_snapshot_25"
  | "book_snapshot_5"
  | "quotes"
  | "book_ticker"
  | "derivative_ticker"
  | "options_chain";

/**
 * Progress of a download: cumulative compressed bytes received and files finished.
 *
 * @example
 * ```ts
 * import type { TardisProgress } from "@quantbook/sdk/tardis";
 * const onProgress = (p: TardisProgress) => console.log(p.bytes, p.filesDone, p.filesTotal);
 * ```
 */
export interface TardisProgress {
  /** Compressed bytes received (or read from the cache) so far. */
  bytes: number;
  /** Sum of the `Content-Length` of the files seen so far (NaN when unknown). */
  totalBytes: number;
  /** Files fully downloaded and parsed. */
  filesDone: number;
  /** Files requested in total. */
  filesTotal: number;
  /** Name of the file that just made progress (cache naming, no key). */
  file: string;
}

/**
 * Retry policy for dataset downloads. Defaults follow the official Tardis clients: no retry
 * on 401/403/404, otherwise `min(2^n s, 120 s)` plus jitter, plus 60 s on 429.
 *
 * @example
 * ```ts
 * import type { TardisRetryOptions } from "@quantbook/sdk/tardis";
 * const fastRetries: TardisRetryOptions = { attempts: 3, baseDelayMs: 10, rateLimitDelayMs: 10 };
 * ```
 */
export interface TardisRetryOptions {
  /** Total attempts per file including the first (default 5). */
  attempts?: number;
  /** Delay before retry n is `min(baseDelayMs * 2^n, maxDelayMs)` (default 1000). */
  baseDelayMs?: number;
  /** Upper bound of the exponential backoff (default 120000). */
  maxDelayMs?: number;
  /** Extra delay added on 429 without a `Retry-After` header (default 60000). */
  rateLimitDelayMs?: number;
  /**
   * Longest single wait accepted (default 600000 = 10 min). A 429 asking for longer (quota
   * exhaustion can ask for hours) fails at once with the wait in the message.
   */
  maxWaitMs?: number;
}

/**
 * Options shared by every Tardis network call: an injectable `fetch` and an abort signal.
 *
 * @example
 * ```ts
 * import type { TardisRequestOptions } from "@quantbook/sdk/tardis";
 * const opts: TardisRequestOptions = { signal: AbortSignal.timeout(30_000) };
 * ```
 */
export interface TardisRequestOptions {
  /** `fetch` implementation (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Abort signal: aborting stops the download and leaves no cache file. */
  signal?: AbortSignal;
}
