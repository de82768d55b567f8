import { authHeaders, httpError } from "./_http.ts";
import { TardisError } from "./tardis_error.ts";
import type { TardisRequestOptions } from "./types.ts";

/** Default Tardis.dev metadata API endpoint. */
export const TARDIS_API_ENDPOINT = "https://api.tardis.dev/v1";

/**
 * Options of the metadata calls.
 *
 * @example
 * ```ts
 * import type { TardisMetadataOptions } from "@quantbook/sdk/tardis";
 * const opts: TardisMetadataOptions = { endpoint: "https://api.tardis.dev/v1" };
 * ```
 */
export interface TardisMetadataOptions extends TardisRequestOptions {
  /** API endpoint (default `https://api.tardis.dev/v1`). */
  endpoint?: string;
}

/**
 * One exchange from `GET /v1/exchanges`.
 *
 * @example
 * ```ts
 * import type { TardisExchange } from "@quantbook/sdk/tardis";
 * const e: TardisExchange = { id: "deribit", name: "Deribit", enabled: true };
 * ```
 */
export interface TardisExchange {
  /** Exchange id used in dataset URLs (`binance-futures`, `okex-swap`, ...). */
  id: string;
  /** Display name. */
  name: string;
  /** Whether the exchange is served. */
  enabled: boolean;
  /** ISO date of the first available data. */
  availableSince?: string;
  /** Whether CSV datasets exist for it. */
  supportsDatasets?: boolean;
  /** Other fields Tardis returns. */
  [field: string]: unknown;
}

/**
 * A symbol of an exchange's datasets (`datasets.symbols[]`).
 *
 * @example
 * ```ts
 * import type { TardisDatasetSymbol } from "@quantbook/sdk/tardis";
 * const s: TardisDatasetSymbol = {
 *   id: "BTCUSDT", type: "perpetual", availableSince: "2019-11-17T00:00:00.000Z",
 *   dataTypes: ["trades"],
 * };
 * ```
 */
export interface TardisDatasetSymbol {
  /** Symbol id as used in dataset URLs (or a group such as `PERPETUALS`). */
  id: string;
  /** `spot`, `perpetual`, `future`, `option`, ... */
  type: string;
  /** ISO date of the first day. */
  availableSince: string;
  /** ISO date after the last day, when delisted. */
  availableTo?: string;
  /** Data types available for it. */
  dataTypes: string[];
}

/**
 * Details of one exchange from `GET /v1/exchanges/:exchange`.
 *
 * @example
 * ```ts
 * import type { TardisExchangeInfo } from "@quantbook/sdk/tardis";
 * function lastDay(info: TardisExchangeInfo) {
 *   return info.datasets?.exportedUntil;
 * }
 * ```
 */
export interface TardisExchangeInfo {
  /** Exchange id. */
  id: string;
  /** Display name. */
  name: string;
  /** Whether the exchange is served. */
  enabled: boolean;
  /** ISO date of the first available data. */
  availableSince: string;
  /** ISO date after the last day, for delisted exchanges. */
  availableTo?: string;
  /** Real-time channels recorded. */
  availableChannels?: string[];
  /** Symbols with their availability. */
  availableSymbols?: { id: string; type: string; availableSince: string; availableTo?: string }[];
  /** CSV datasets: formats, exported range and per-symbol data types. */
  datasets?: {
    formats: string[];
    exportedFrom: string;
    exportedUntil: string;
    symbols: TardisDatasetSymbol[];
    [field: string]: unknown;
  };
  /** Known data incidents. */
  incidentReports?: unknown[];
  /** Other fields Tardis returns. */
  [field: string]: unknown;
}

/**
 * One access grant of an API key (`GET /v1/api-key-info`).
 *
 * @example
 * ```ts
 * import type { TardisApiKeyAccess } from "@quantbook/sdk/tardis";
 * const a: TardisApiKeyAccess = { exchange: "deribit", from: "2020-01-01", to: "2024-01-01", symbols: ["*"] };
 * ```
 */
export interface TardisApiKeyAccess {
  /** Exchange id. */
  exchange: string;
  /** First date covered. */
  from: string;
  /** Date after the last covered. */
  to: string;
  /** Symbols covered (`*` = all). */
  symbols: string[];
  /** Plan name. */
  dataPlan?: string;
  /** Access type. */
  accessType?: string;
  /** Other fields Tardis returns. */
  [field: string]: unknown;
}

async function getJson<T>(
  path: string,
  what: string,
  options: TardisMetadataOptions,
  apiKey?: string,
): Promise<T> {
  const url = `${(options.endpoint ?? TARDIS_API_ENDPOINT).replace(/\/+$/, "")}${path}`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { accept: "application/json", ...authHeaders(apiKey) },
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new TardisError(
      `${what}: request to ${url} failed (${error instanceof Error ? error.message : error}). ` +
        `Check the network or the endpoint option.`,
      { url, cause: error },
    );
  }
  if (!response.ok) throw await httpError(response, url, what);
  try {
    return await response.json() as T;
  } catch (error) {
    throw new TardisError(`${what}: ${url} did not answer valid JSON.`, {
      url,
      status: response.status,
      cause: error,
    });
  }
}

/**
 * Lists the exchanges Tardis.dev serves (`GET /v1/exchanges`, no key needed).
 *
 * @example
 * ```ts
 * import { fetchExchanges } from "@quantbook/sdk/tardis";
 * const exchanges = await fetchExchanges();
 * console.log(exchanges.map((e) => e.id));
 * ```
 */
export async function fetchExchanges(
  options: TardisMetadataOptions = {},
): Promise<TardisExchange[]> {
  return await getJson<TardisExchange[]>("/exchanges", "Listing exchanges", options);
}

/**
 * Details of one exchange: symbols, their dataset data types and available dates
 * (`GET /v1/exchanges/:exchange`, no key needed).
 *
 * @example
 * ```ts
 * import { fetchExchangeInfo } from "@quantbook/sdk/tardis";
 * const info = await fetchExchangeInfo("binance-futures");
 * console.log(info.datasets?.exportedUntil, info.datasets?.symbols.length);
 * ```
 */
export async function fetchExchangeInfo(
  exchange: string,
  options: TardisMetadataOptions = {},
): Promise<TardisExchangeInfo> {
  if (typeof exchange !== "string" || !/^[a-z0-9-]+$/.test(exchange)) {
    throw new TypeError(
      `exchange: ${JSON.stringify(exchange)} is not an exchange id like "binance-futures".`,
    );
  }
  return await getJson<TardisExchangeInfo>(
    `/exchanges/${exchange}`,
    `Fetching exchange "${exchange}"`,
    options,
  );
}

/**
 * What an API key gives access to (`GET /v1/api-key-info` with `Authorization: Bearer`).
 *
 * @example
 * ```ts
 * import { fetchApiKeyInfo } from "@quantbook/sdk/tardis";
 * const access = await fetchApiKeyInfo({ apiKey: Deno.env.get("TARDIS_API_KEY") ?? "" });
 * console.log(access.map((a) => `${a.exchange} ${a.from}..${a.to}`));
 * ```
 */
export async function fetchApiKeyInfo(
  options: TardisMetadataOptions & { apiKey: string },
): Promise<TardisApiKeyAccess[]> {
  if (typeof options.apiKey !== "string" || options.apiKey === "") {
    throw new TypeError("apiKey: fetchApiKeyInfo needs your Tardis.dev API key.");
  }
  return await getJson<TardisApiKeyAccess[]>(
    "/api-key-info",
    "Fetching API key info",
    options,
    options.apiKey,
  );
}
