/**
 * Local Tardis.dev-compatible server for tests, benches, the demo and notebooks: serves a
 * directory of official-format `.csv.gz` files (see `serveTardisDatasets`) and injects
 * scripted faults per dataset path: error answers (401/403/404/429 with Retry-After/500),
 * a truncated gzip, a `Content-Encoding: gzip` answer, a body that stalls midway, or one cut
 * short (shorter than its Content-Length).
 *
 * @module
 */
import {
  serveTardisDatasets,
  type TardisDatasetRef,
  type TardisDatasetServer,
  tardisDatasetUrl,
} from "../../lib/tardis/mod.ts";

/** One scripted answer for a dataset path. */
export type TardisFault =
  | { kind: "status"; status: number; retryAfter?: string; message?: string }
  | { kind: "truncate" }
  | { kind: "contentEncoding" }
  | { kind: "stall"; afterBytes: number }
  | { kind: "cut"; afterBytes: number };

/** The server plus its request log and fault queue. */
export interface TardisTestServer extends TardisDatasetServer {
  /** Path and Authorization header of every request, in order. */
  requests: { path: string; authorization: string | null }[];
  /** Queues faults for one dataset (each fault answers one request, then normal service). */
  addFaults(ref: TardisDatasetRef, ...faults: TardisFault[]): void;
  /** Resolves once a stalled body has sent its bytes. */
  stalled: Promise<void>;
}

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export function startTardisTestServer(
  options: { dir: string; apiKey?: string },
): TardisTestServer {
  const faults = new Map<string, TardisFault[]>();
  const requests: TardisTestServer["requests"] = [];
  const stalls: ReadableStreamDefaultController<Uint8Array>[] = [];
  let markStalled = () => {};
  const stalled = new Promise<void>((resolve) => markStalled = resolve);
  const fileBytes = (path: string) => {
    const match = /^\/v1\/([^/]+)\/([^/]+)\/(\d{4})\/(\d{2})\/(\d{2})\/([^/]+)\.csv\.gz$/.exec(
      path,
    );
    if (!match) throw new Error(`not a dataset path: ${path}`);
    const [, exchange, dataType, y, m, d, symbol] = match;
    return Deno.readFile(
      `${options.dir}/${exchange}_${dataType}_${y}-${m}-${d}_${decodeURIComponent(symbol)}.csv.gz`,
    );
  };
  const server = serveTardisDatasets({
    dir: options.dir,
    apiKey: options.apiKey,
    async intercept(request, url) {
      requests.push({ path: url.pathname, authorization: request.headers.get("authorization") });
      const fault = faults.get(url.pathname)?.shift();
      if (fault === undefined) return undefined;
      if (fault.kind === "status") {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
        const body = { code: fault.status, message: fault.message ?? `fault ${fault.status}` };
        return new Response(JSON.stringify(body), { status: fault.status, headers });
      }
      const bytes = await fileBytes(url.pathname);
      if (fault.kind === "truncate") {
        return new Response(bytes.slice(0, bytes.length >> 1), {
          headers: { "content-type": "application/gzip" },
        });
      }
      if (fault.kind === "contentEncoding") {
        return new Response(bytes, {
          headers: { "content-type": "text/csv", "content-encoding": "gzip" },
        });
      }
      return new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes.slice(0, fault.afterBytes));
            if (fault.kind === "cut") {
              controller.close();
              return;
            }
            stalls.push(controller);
            markStalled();
          },
        }),
        {
          headers: { "content-type": "application/gzip", "content-length": String(bytes.length) },
        },
      );
    },
  });
  return {
    ...server,
    requests,
    stalled,
    addFaults(ref, ...more) {
      const path = new URL(tardisDatasetUrl(ref, server.endpoint)).pathname;
      faults.set(path, [...(faults.get(path) ?? []), ...more]);
    },
    async close() {
      for (const controller of stalls) {
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
      await server.close();
    },
  };
}
