/**
 * Error raised by Tardis.dev requests: carries the HTTP status, Tardis' error code, the URL
 * (never the API key) and, for 429, the wait Tardis asked for.
 *
 * @example
 * ```ts
 * import { fetchDataset, TardisError } from "@quantbook/sdk/tardis";
 * try {
 *   await fetchDataset({ exchange: "deribit", dataType: "trades", date: "2024-03-02", symbol: "BTC-PERPETUAL" });
 * } catch (error) {
 *   if (error instanceof TardisError && error.status === 401) console.log(error.message);
 * }
 * ```
 */
export class TardisError extends Error {
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** Tardis' numeric error code from the JSON body, when present. */
  readonly code: number | undefined;
  /** The requested URL (it never contains the key). */
  readonly url: string | undefined;
  /** For 429: seconds Tardis asked to wait (`Retry-After`). */
  readonly retryAfterSeconds: number | undefined;

  /** Creates the error; `details` are copied onto the instance. */
  constructor(
    message: string,
    details: {
      status?: number;
      code?: number;
      url?: string;
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "TardisError";
    this.status = details.status;
    this.code = details.code;
    this.url = details.url;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
