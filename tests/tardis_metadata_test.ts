import assert from "node:assert/strict";
import {
  createDownloadProgressBar,
  fetchApiKeyInfo,
  fetchDatasets,
  fetchExchangeInfo,
  fetchExchanges,
  TardisError,
  type TardisProgress,
  writeSampleDatasets,
} from "../lib/tardis/mod.ts";
import { startTardisTestServer } from "./servers/tardis_server.ts";

const KEY = "metadata-test-key";
const dataDir = await Deno.makeTempDir({ prefix: "tardis_meta_" });
await writeSampleDatasets({
  dir: dataDir,
  date: "2024-03-01",
  days: 2,
  tradesPerDay: 1500,
  dataTypes: ["trades"],
});
await writeSampleDatasets({
  dir: dataDir,
  symbol: "ETHUSDT",
  startPrice: 3000,
  seed: 7,
  date: "2024-03-01",
  days: 2,
  tradesPerDay: 1000,
  dataTypes: ["trades"],
});
globalThis.addEventListener("unload", () => Deno.removeSync(dataDir, { recursive: true }));

Deno.test("fetchExchanges and fetchExchangeInfo read the metadata endpoints", async () => {
  const server = startTardisTestServer({ dir: dataDir, apiKey: KEY });
  try {
    const exchanges = await fetchExchanges({ endpoint: server.apiEndpoint });
    assert.deepEqual(exchanges.map((e) => e.id), ["binance-futures"]);
    const info = await fetchExchangeInfo("binance-futures", { endpoint: server.apiEndpoint });
    assert.equal(info.datasets?.exportedUntil, "2024-03-03T00:00:00.000Z");
    assert.deepEqual(info.datasets?.symbols.map((s) => [s.id, s.dataTypes]), [
      ["BTCUSDT", ["trades"]],
      ["ETHUSDT", ["trades"]],
    ]);
    const missing = await fetchExchangeInfo("okx", { endpoint: server.apiEndpoint })
      .catch((e) => e);
    assert.ok(missing instanceof TardisError);
    assert.equal(missing.status, 404);
    await assert.rejects(fetchExchangeInfo("Bad Id"), TypeError);
    assert.ok(server.requests.every((r) => r.authorization === null));
  } finally {
    await server.close();
  }
});

Deno.test("fetchApiKeyInfo needs the key and sends it as Bearer", async () => {
  const server = startTardisTestServer({ dir: dataDir, apiKey: KEY });
  try {
    const access = await fetchApiKeyInfo({ apiKey: KEY, endpoint: server.apiEndpoint });
    assert.equal(access[0].exchange, "binance-futures");
    assert.deepEqual(access[0].symbols, ["*"]);
    const denied = await fetchApiKeyInfo({ apiKey: "nope-nope", endpoint: server.apiEndpoint })
      .catch((e) => e);
    assert.equal(denied.status, 401);
    assert.ok(!denied.message.includes("nope-nope"));
    await assert.rejects(fetchApiKeyInfo({ apiKey: "" }), TypeError);
  } finally {
    await server.close();
  }
});

Deno.test("fetchDatasets merges days and symbols in time order with progress", async () => {
  const server = startTardisTestServer({ dir: dataDir, apiKey: KEY });
  const cacheDir = await Deno.makeTempDir();
  try {
    const events: TardisProgress[] = [];
    const table = await fetchDatasets({
      exchange: "binance-futures",
      dataType: "trades",
      symbols: ["BTCUSDT", "ethusdt"],
      from: "2024-03-01",
      to: "2024-03-03",
      apiKey: KEY,
      endpoint: server.endpoint,
      cacheDir,
      concurrency: 2,
      onProgress: (p) => events.push(p),
    });
    assert.equal(table.price.length, 2 * 1500 + 2 * 1000);
    const local = table.local_timestamp as Float64Array;
    for (let i = 1; i < local.length; i++) assert.ok(local[i] >= local[i - 1], `row ${i}`);
    const symbols = table.symbol as string[];
    assert.equal(symbols.filter((s) => s === "ETHUSDT").length, 2000);
    assert.equal(events[events.length - 1].filesDone, 4);
    assert.equal(events[events.length - 1].filesTotal, 4);
    assert.equal([...Deno.readDirSync(cacheDir)].length, 4);
    assert.equal(server.requests.length, 4);
  } finally {
    await server.close();
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("fetchDatasets stops at the first failure and validates its range", async () => {
  const server = startTardisTestServer({ dir: dataDir, apiKey: KEY });
  try {
    const error = await fetchDatasets({
      exchange: "binance-futures",
      dataType: "trades",
      symbols: ["BTCUSDT"],
      from: "2024-03-01",
      to: "2024-03-03",
      endpoint: server.endpoint,
      concurrency: 1,
    }).catch((e) => e);
    assert.equal(error.status, 401);
    await assert.rejects(
      fetchDatasets({
        exchange: "binance-futures",
        dataType: "trades",
        symbols: ["BTCUSDT"],
        from: "2024-03-02",
        to: "2024-03-02",
      }),
      /to is exclusive/,
    );
  } finally {
    await server.close();
  }
});

Deno.test("createDownloadProgressBar prints a line per finished file off a terminal", () => {
  const lines: string[] = [];
  const bar = createDownloadProgressBar({
    label: "trades",
    width: 10,
    inPlace: false,
    write: (t) => lines.push(t),
  });
  const base = { bytes: 5e6, totalBytes: 10e6, filesTotal: 2, file: "f" };
  bar.update({ ...base, filesDone: 0 });
  bar.update({ ...base, filesDone: 1 });
  bar.update({ ...base, bytes: 10e6, filesDone: 2 });
  bar.done();
  assert.deepEqual(lines, [
    "trades [#####.....] 50% 5.0 MB 1/2 files\n",
    "trades [##########] 100% 10.0 MB 2/2 files\n",
  ]);
});

Deno.test("createDownloadProgressBar redraws one line in place on a terminal", () => {
  const writes: string[] = [];
  const bar = createDownloadProgressBar({
    label: "dl",
    width: 4,
    intervalMs: 0,
    inPlace: true,
    write: (t) => writes.push(t),
  });
  bar.update({ bytes: 1e6, totalBytes: 4e6, filesDone: 0, filesTotal: 1, file: "f" });
  bar.update({ bytes: 4e6, totalBytes: 4e6, filesDone: 1, filesTotal: 1, file: "f" });
  bar.done();
  assert.deepEqual(writes, [
    "\rdl [#...] 25% 1.0 MB 0/1 files",
    "\rdl [####] 100% 4.0 MB 1/1 files",
    "\rdl [####] 100% 4.0 MB 1/1 files\n",
  ]);
  const quiet = createDownloadProgressBar({
    inPlace: true,
    intervalMs: 60_000,
    write: (t) => writes.push(t),
  });
  quiet.update({ bytes: 1, totalBytes: 8, filesDone: 0, filesTotal: 2, file: "a" });
  quiet.update({ bytes: 2, totalBytes: 8, filesDone: 0, filesTotal: 2, file: "a" });
  assert.equal(writes.length, 4, "redraws are throttled by intervalMs");
});
