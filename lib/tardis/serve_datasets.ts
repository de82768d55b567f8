import { toUtcDay } from "./_date.ts";

/**
 * Options of {@linkcode serveTardisDatasets}.
 *
 * @example
 * ```ts
 * import type { ServeTardisDatasetsOptions } from "@quantbook/sdk/tardis";
 * const opts: ServeTardisDatasetsOptions = { dir: "./datasets", apiKey: "test-key" };
 * ```
 */
export interface ServeTardisDatasetsOptions {
  /** Directory of `.csv.gz` files in the official cache naming (e.g. from writeSampleDatasets). */
  dir: string;
  /** Interface to listen on (default `"127.0.0.1"`). */
  hostname?: string;
  /** Port (default 0 = any free port). */
  port?: number;
  /**
   * When set, like Tardis: days other than the 1st of a month answer 401 unless the request
   * carries `Authorization: Bearer <apiKey>`; `/v1/api-key-info` needs it too.
   */
  apiKey?: string;
  /** Called first for every request; a returned Response is sent instead of the normal one. */
  intercept?: (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;
}

/**
 * A running local Tardis-compatible server.
 *
 * @example
 * ```ts
 * import { serveTardisDatasets, type TardisDatasetServer } from "@quantbook/sdk/tardis";
 * const server: TardisDatasetServer = serveTardisDatasets({ dir: "./datasets" });
 * await server.close();
 * ```
 */
export interface TardisDatasetServer {
  /** Datasets endpoint to pass as `endpoint`, e.g. `http://127.0.0.1:PORT/v1`. */
  endpoint: string;
  /** Metadata API endpoint (same server), e.g. `http://127.0.0.1:PORT/v1`. */
  apiEndpoint: string;
  /** Port listened on. */
  port: number;
  /** Stops the server and waits for open connections to finish. */
  close(): Promise<void>;
}

const FILE_NAME = /^([^_]+)_(.+)_(\d{4}-\d{2}-\d{2})_(.+)\.csv\.gz$/;
const DATASET_PATH = /^\/v1\/([^/]+)\/([^/]+)\/(\d{4})\/(\d{2})\/(\d{2})\/([^/]+)\.csv\.gz$/;
/** The gzip of an empty file: header, an empty final deflate block, CRC-32 0 and size 0. */
const EMPTY_GZIP = Uint8Array.from(atob("H4sIAAAAAAAAAwMAAAAAAAAAAAA="), (c) => c.charCodeAt(0));

interface CachedFile {
  exchange: string;
  dataType: string;
  date: string;
  symbol: string;
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

function tardisError(status: number, code: number, message: string): Response {
  return json({ code, message }, status);
}

async function listFiles(dir: string): Promise<CachedFile[]> {
  const files: CachedFile[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const match = entry.isFile ? FILE_NAME.exec(entry.name) : null;
    if (match) {
      files.push({ exchange: match[1], dataType: match[2], date: match[3], symbol: match[4] });
    }
  }
  return files;
}

function exchangeInfo(id: string, files: CachedFile[]) {
  const mine = files.filter((f) => f.exchange === id);
  const dates = mine.map((f) => f.date).sort();
  const since = `${dates[0]}T00:00:00.000Z`;
  const until = new Date(Date.parse(`${dates[dates.length - 1]}T00:00:00Z`) + 86_400_000)
    .toISOString();
  const symbols = [...new Set(mine.map((f) => f.symbol))].sort().map((symbol) => {
    const own = mine.filter((f) => f.symbol === symbol);
    const days = own.map((f) => f.date).sort();
    return {
      id: symbol,
      type: /futures|swap|delivery|bitmex|deribit/.test(id) ? "perpetual" : "spot",
      availableSince: `${days[0]}T00:00:00.000Z`,
      availableTo: new Date(Date.parse(`${days[days.length - 1]}T00:00:00Z`) + 86_400_000)
        .toISOString(),
      dataTypes: [...new Set(own.map((f) => f.dataType))].sort(),
    };
  });
  return {
    id,
    name: id,
    enabled: true,
    availableSince: since,
    availableChannels: [],
    availableSymbols: symbols.map(({ id, type, availableSince, availableTo }) => ({
      id,
      type,
      availableSince,
      availableTo,
    })),
    datasets: {
      formats: ["csv"],
      exportedFrom: since,
      exportedUntil: until,
      symbols,
    },
    incidentReports: [],
  };
}

/**
 * Serves a directory of Tardis-format `.csv.gz` files over HTTP with Tardis.dev's URL
 * scheme and answers (`/v1/{exchange}/{dataType}/{YYYY}/{MM}/{DD}/{SYMBOL}.csv.gz`, JSON
 * `{code, message}` errors, an empty gzip for a day without data, 401 without a key except
 * on the 1st of a month when `apiKey` is set) plus the metadata endpoints `/v1/exchanges`,
 * `/v1/exchanges/:id` and `/v1/api-key-info`. Use it to run notebooks, demos and tests
 * offline against files from {@linkcode writeSampleDatasets}.
 *
 * @example
 * ```ts
 * import { fetchDataset, serveTardisDatasets, writeSampleDatasets } from "@quantbook/sdk/tardis";
 * const dir = await Deno.makeTempDir();
 * await writeSampleDatasets({ dir, tradesPerDay: 1000, dataTypes: ["trades"] });
 * const server = serveTardisDatasets({ dir });
 * const trades = await fetchDataset({
 *   exchange: "binance-futures",
 *   dataType: "trades",
 *   date: "2024-03-01",
 *   symbol: "BTCUSDT",
 *   endpoint: server.endpoint,
 * });
 * await server.close();
 * ```
 */
export function serveTardisDatasets(options: ServeTardisDatasetsOptions): TardisDatasetServer {
  const dir = options.dir.replace(/\/+$/, "");
  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const intercepted = await options.intercept?.(request, url);
    if (intercepted !== undefined) return intercepted;
    if (request.method !== "GET" && request.method !== "HEAD") {
      return tardisError(405, 405, `Method ${request.method} not allowed.`);
    }
    const auth = request.headers.get("authorization");
    const authorized = options.apiKey === undefined || auth === `Bearer ${options.apiKey}`;
    const path = url.pathname;
    if (path === "/v1/exchanges") {
      const files = await listFiles(dir);
      const ids = [...new Set(files.map((f) => f.exchange))].sort();
      return json(ids.map((id) => {
        const info = exchangeInfo(id, files);
        return {
          id,
          name: info.name,
          enabled: true,
          supportsDatasets: true,
          availableSince: info.availableSince,
        };
      }));
    }
    const exchangeMatch = /^\/v1\/exchanges\/([^/]+)$/.exec(path);
    if (exchangeMatch) {
      const files = await listFiles(dir);
      const id = decodeURIComponent(exchangeMatch[1]);
      if (!files.some((f) => f.exchange === id)) {
        return tardisError(404, 100, `Invalid 'exchange' param provided: '${id}'.`);
      }
      return json(exchangeInfo(id, files));
    }
    if (path === "/v1/api-key-info") {
      if (auth === null || !authorized) {
        return tardisError(401, 10, "Invalid API key provided in 'Authorization' header.");
      }
      const files = await listFiles(dir);
      return json(
        [...new Set(files.map((f) => f.exchange))].sort().map((exchange) => ({
          exchange,
          accessType: "paid",
          from: exchangeInfo(exchange, files).availableSince,
          to: exchangeInfo(exchange, files).datasets.exportedUntil,
          symbols: ["*"],
          dataPlan: "individual",
        })),
      );
    }
    const match = DATASET_PATH.exec(path);
    if (!match) return tardisError(404, 404, `Not found: ${path}`);
    const [, exchange, dataType, year, month, day, symbol] = match;
    const date = `${year}-${month}-${day}`;
    try {
      toUtcDay(date);
    } catch {
      return tardisError(400, 100, `Invalid date '${date}'.`);
    }
    const keyMissing = options.apiKey !== undefined && auth === null && day !== "01";
    if ((auth !== null && !authorized) || keyMissing) {
      return tardisError(
        401,
        10,
        auth === null
          ? "API key is required to access this dataset (only the first day of each month is available without it)."
          : "Invalid API key provided in 'Authorization' header.",
      );
    }
    const files = await listFiles(dir);
    if (!files.some((f) => f.exchange === exchange)) {
      return tardisError(404, 100, `Invalid 'exchange' param provided: '${exchange}'.`);
    }
    const name = `${exchange}_${dataType}_${date}_${decodeURIComponent(symbol)}.csv.gz`;
    const headers = { "content-type": "application/gzip", "cache-control": "no-cache" };
    try {
      const info = await Deno.stat(`${dir}/${name}`);
      const body = request.method === "HEAD" ? null : (await Deno.open(`${dir}/${name}`)).readable;
      return new Response(body, {
        headers: { ...headers, "content-length": String(info.size) },
      });
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      return new Response(request.method === "HEAD" ? null : EMPTY_GZIP, {
        headers: { ...headers, "content-length": String(EMPTY_GZIP.length) },
      });
    }
  };
  const server = Deno.serve({
    hostname: options.hostname ?? "127.0.0.1",
    port: options.port ?? 0,
    onListen() {},
  }, handler);
  const host = options.hostname ?? "127.0.0.1";
  const base = `http://${host.includes(":") ? `[${host}]` : host}:${server.addr.port}/v1`;
  return {
    endpoint: base,
    apiEndpoint: base,
    port: server.addr.port,
    close: () => server.shutdown(),
  };
}
