import assert from "node:assert/strict";
import {
  fetchDataset,
  parseTardisCsv,
  type TardisDatasetRef,
  TardisError,
  type TardisProgress,
  writeSampleDatasets,
} from "../lib/tardis/mod.ts";
import { startTardisTestServer } from "./servers/tardis_server.ts";

const KEY = "test-secret-key-123";
const dataDir = await Deno.makeTempDir({ prefix: "tardis_data_" });
await writeSampleDatasets({
  dir: dataDir,
  date: "2024-03-01",
  days: 2,
  tradesPerDay: 3000,
  dataTypes: ["trades", "derivative_ticker"],
});
globalThis.addEventListener("unload", () => Deno.removeSync(dataDir, { recursive: true }));

const FIRST: TardisDatasetRef = {
  exchange: "binance-futures",
  dataType: "trades",
  date: "2024-03-01",
  symbol: "BTCUSDT",
};
const SECOND: TardisDatasetRef = { ...FIRST, date: "2024-03-02" };
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5, rateLimitDelayMs: 1, attempts: 3 };

async function expected(ref: TardisDatasetRef) {
  const day = typeof ref.date === "string" ? ref.date : ref.date.toISOString().slice(0, 10);
  const path = `${dataDir}/${ref.exchange}_${ref.dataType}_${day}_${ref.symbol}.csv.gz`;
  return await parseTardisCsv(await Deno.readFile(path), { dataType: "trades" });
}

async function withServer(
  run: (server: ReturnType<typeof startTardisTestServer>, cacheDir: string) => Promise<void>,
) {
  const server = startTardisTestServer({ dir: dataDir, apiKey: KEY });
  const cacheDir = await Deno.makeTempDir({ prefix: "tardis_cache_" });
  try {
    await run(server, cacheDir);
  } finally {
    await server.close();
    await Deno.remove(cacheDir, { recursive: true });
  }
}

Deno.test("fetchDataset downloads the free first day of a month without a key", async () => {
  await withServer(async (server) => {
    const table = await fetchDataset({ ...FIRST, endpoint: server.endpoint });
    assert.deepEqual(table, await expected(FIRST));
    assert.equal(table.price.length, 3000);
    assert.deepEqual(server.requests, [{
      path: "/v1/binance-futures/trades/2024/03/01/BTCUSDT.csv.gz",
      authorization: null,
    }]);
  });
});

Deno.test("fetchDataset: 401 without a key says a key is needed, never retries", async () => {
  await withServer(async (server) => {
    const error = await fetchDataset({ ...SECOND, endpoint: server.endpoint }).catch((e) => e);
    assert.ok(error instanceof TardisError);
    assert.equal(error.status, 401);
    assert.match(error.message, /API key is needed/);
    assert.match(error.message, /first day of each month is free/);
    assert.equal(server.requests.length, 1);
  });
});

Deno.test("fetchDataset sends the key as Bearer and never prints it", async () => {
  await withServer(async (server) => {
    const table = await fetchDataset({ ...SECOND, endpoint: server.endpoint, apiKey: KEY });
    assert.deepEqual(table, await expected(SECOND));
    assert.equal(server.requests[0].authorization, `Bearer ${KEY}`);
    const wrong = "wrong-key-456";
    const error = await fetchDataset({ ...SECOND, endpoint: server.endpoint, apiKey: wrong })
      .catch((e) => e);
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes(wrong) && !String(error.stack).includes(wrong));
  });
});

Deno.test("fetchDataset: 403 and 404 fail at once with a hint", async () => {
  await withServer(async (server) => {
    server.addFaults(FIRST, { kind: "status", status: 403, message: "no access" });
    const forbidden = await fetchDataset({ ...FIRST, endpoint: server.endpoint }).catch((e) => e);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.code, 403, "the code of Tardis' JSON error body");
    assert.match(forbidden.message, /no access to this exchange.*Tardis says: "no access"/s);
    const missing = await fetchDataset({ ...FIRST, exchange: "okx", endpoint: server.endpoint })
      .catch((e) => e);
    assert.equal(missing.status, 404);
    assert.match(missing.message, /there is no okx/);
    assert.equal(server.requests.length, 2);
  });
});

Deno.test("fetchDataset retries 429 after Retry-After and 500 with backoff", async () => {
  await withServer(async (server) => {
    server.addFaults(
      FIRST,
      { kind: "status", status: 429, retryAfter: "0" },
      { kind: "status", status: 500 },
    );
    const table = await fetchDataset({ ...FIRST, endpoint: server.endpoint, retry: FAST_RETRY });
    assert.deepEqual(table, await expected(FIRST));
    assert.equal(server.requests.length, 3);
  });
});

Deno.test("fetchDataset: a 429 without Retry-After waits the backoff plus the rate-limit delay", async () => {
  await withServer(async (server) => {
    server.addFaults(FIRST, { kind: "status", status: 429 });
    const retry = { ...FAST_RETRY, rateLimitDelayMs: 150 };
    const started = performance.now();
    const table = await fetchDataset({ ...FIRST, endpoint: server.endpoint, retry });
    assert.ok(performance.now() - started >= 150, "waited rateLimitDelayMs");
    assert.deepEqual(table, await expected(FIRST));
    assert.equal(server.requests.length, 2);
    server.addFaults(FIRST, ...new Array(3).fill({ kind: "status", status: 500 }));
    const error = await fetchDataset({ ...FIRST, endpoint: server.endpoint, retry: FAST_RETRY })
      .catch((e) => e);
    assert.ok(error instanceof TardisError);
    assert.equal(error.status, 500);
    assert.match(error.message, /giving up after 3 attempts/);
  });
});

Deno.test("fetchDataset does not spin on a 429 asking for hours", async () => {
  await withServer(async (server) => {
    server.addFaults(FIRST, { kind: "status", status: 429, retryAfter: "7200" });
    const error = await fetchDataset({ ...FIRST, endpoint: server.endpoint }).catch((e) => e);
    assert.ok(error instanceof TardisError);
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterSeconds, 7200);
    assert.match(error.message, /quota exhausted: it asks to wait 2\.0 h/);
    assert.equal(server.requests.length, 1);
  });
});

Deno.test("fetchDataset reports a truncated gzip at once and caches nothing", async () => {
  await withServer(async (server, cacheDir) => {
    server.addFaults(FIRST, { kind: "truncate" }, { kind: "truncate" });
    const error = await fetchDataset({
      ...FIRST,
      endpoint: server.endpoint,
      cacheDir,
      retry: FAST_RETRY,
    }).catch((e) => e);
    assert.ok(error instanceof TardisError);
    assert.match(error.message, /truncated or corrupt gzip data/);
    assert.equal(server.requests.length, 1, "a complete but damaged file is not re-downloaded");
    assert.deepEqual([...Deno.readDirSync(cacheDir)], []);
  });
});

Deno.test("fetchDataset retries a body cut short and then caches the full file", async () => {
  await withServer(async (server, cacheDir) => {
    server.addFaults(FIRST, { kind: "cut", afterBytes: 10_000 });
    const table = await fetchDataset({
      ...FIRST,
      endpoint: server.endpoint,
      cacheDir,
      retry: FAST_RETRY,
    });
    assert.deepEqual(table, await expected(FIRST));
    assert.equal(server.requests.length, 2);
    assert.deepEqual([...Deno.readDirSync(cacheDir)].map((e) => e.name), [
      "binance-futures_trades_2024-03-01_BTCUSDT.csv.gz",
    ]);
  });
});

Deno.test("fetchDataset gives empty columns for a day without data (empty gzip)", async () => {
  await withServer(async (server) => {
    const table = await fetchDataset({ ...FIRST, date: "2024-04-01", endpoint: server.endpoint });
    assert.equal(table.price.length, 0);
    assert.ok(table.timestamp instanceof Float64Array);
    assert.deepEqual(table.side, []);
  });
});

Deno.test("fetchDataset caches with the official naming and then reads offline", async () => {
  await withServer(async (server, cacheDir) => {
    const events: TardisProgress[] = [];
    const first = await fetchDataset({
      ...FIRST,
      endpoint: server.endpoint,
      cacheDir,
      onProgress: (p) => events.push(p),
    });
    const cached = `${cacheDir}/binance-futures_trades_2024-03-01_BTCUSDT.csv.gz`;
    const original = await Deno.readFile(
      `${dataDir}/binance-futures_trades_2024-03-01_BTCUSDT.csv.gz`,
    );
    assert.deepEqual(await Deno.readFile(cached), original);
    assert.deepEqual([...Deno.readDirSync(cacheDir)].map((e) => e.name), [
      "binance-futures_trades_2024-03-01_BTCUSDT.csv.gz",
    ]);
    const last = events[events.length - 1];
    assert.deepEqual(
      { bytes: last.bytes, totalBytes: last.totalBytes, filesDone: last.filesDone },
      { bytes: original.length, totalBytes: original.length, filesDone: 1 },
    );
    const offline = await fetchDataset({
      ...FIRST,
      endpoint: server.endpoint,
      cacheDir,
      fetch: () => Promise.reject(new Error("network must not be used")),
    });
    assert.deepEqual(offline, first);
    assert.equal(server.requests.length, 1);
  });
});

Deno.test("fetchDataset reads a plain (not gzipped) CSV left under the cache name", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    const csv = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n" +
      "binance-futures,BTCUSDT,1709251200012000,1709251200015477,1,buy,60000.1,0.5\n";
    await Deno.writeTextFile(`${cacheDir}/binance-futures_trades_2024-03-01_BTCUSDT.csv.gz`, csv);
    const table = await fetchDataset({ ...FIRST, cacheDir, fetch: () => Promise.reject() });
    assert.deepEqual([...table.price], [60000.1]);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("fetchDataset handles Content-Encoding: gzip and still caches gzip bytes", async () => {
  await withServer(async (server, cacheDir) => {
    server.addFaults(FIRST, { kind: "contentEncoding" });
    const table = await fetchDataset({ ...FIRST, endpoint: server.endpoint, cacheDir });
    assert.deepEqual(table, await expected(FIRST));
    const cached = await Deno.readFile(
      `${cacheDir}/${"binance-futures_trades_2024-03-01_BTCUSDT.csv.gz"}`,
    );
    assert.deepEqual([cached[0], cached[1]], [0x1f, 0x8b]);
    assert.deepEqual(await parseTardisCsv(cached), table);
  });
});

Deno.test("fetchDataset rejects a file whose header is not the data type, without retry", async () => {
  const dir = await Deno.makeTempDir();
  const cacheDir = await Deno.makeTempDir();
  const ticker = `${dataDir}/binance-futures_derivative_ticker_2024-03-01_BTCUSDT.csv.gz`;
  await Deno.copyFile(ticker, `${dir}/binance-futures_trades_2024-03-01_BTCUSDT.csv.gz`);
  await Deno.copyFile(ticker, `${cacheDir}/binance-futures_trades_2024-03-01_BTCUSDT.csv.gz`);
  const server = startTardisTestServer({ dir });
  try {
    const error = await fetchDataset({ ...FIRST, endpoint: server.endpoint, retry: FAST_RETRY })
      .catch((e) => e);
    assert.match(String(error), /header does not match data type "trades"/);
    assert.equal(server.requests.length, 1);
    const cached = await fetchDataset({ ...FIRST, endpoint: server.endpoint, cacheDir })
      .catch((e) => e);
    assert.match(String(cached), /header does not match data type "trades"/);
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("an aborted download leaves neither a cache file nor a temp file", async () => {
  await withServer(async (server, cacheDir) => {
    server.addFaults(FIRST, { kind: "stall", afterBytes: 20_000 });
    const controller = new AbortController();
    const pending = fetchDataset({
      ...FIRST,
      endpoint: server.endpoint,
      cacheDir,
      signal: controller.signal,
    });
    await server.stalled;
    controller.abort(new Error("stop"));
    await assert.rejects(pending, /stop/);
    assert.deepEqual([...Deno.readDirSync(cacheDir)], []);
  });
});

Deno.test("a process killed mid-download leaves no cache file that reads as data", async () => {
  await withServer(async (server, cacheDir) => {
    server.addFaults(FIRST, { kind: "stall", afterBytes: 20_000 });
    const mod = new URL("../lib/tardis/mod.ts", import.meta.url).href;
    const code = `import { fetchDataset } from ${JSON.stringify(mod)};
      await fetchDataset(${JSON.stringify({ ...FIRST, endpoint: server.endpoint, cacheDir })});`;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["eval", code],
      stdout: "null",
      stderr: "null",
    }).spawn();
    await server.stalled;
    for (let i = 0; i < 100 && [...Deno.readDirSync(cacheDir)].length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGKILL");
    await child.status;
    const names = [...Deno.readDirSync(cacheDir)].map((e) => e.name);
    assert.ok(!names.includes("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz"), names.join());
    assert.equal(names.length, 1, "the child had started writing its temp file");
    assert.match(names[0], /^binance-futures_trades_2024-03-01_BTCUSDT\.csv\.gz\..*\.partial$/);
    const table = await fetchDataset({ ...FIRST, endpoint: server.endpoint, cacheDir });
    assert.deepEqual(table, await expected(FIRST));
  });
});
