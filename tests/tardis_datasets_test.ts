import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import {
  alignDerivativeTicker,
  fetchDataset,
  fetchDatasets,
  fundingSettlements,
  splitBySymbol,
  TardisError,
  writeSampleDatasets,
} from "../lib/tardis/mod.ts";
import { startTardisTestServer } from "./servers/tardis_server.ts";

const KEY = "datasets-test-key";
const H8 = 8 * 3600e6;
const MARCH_1 = Date.UTC(2024, 2, 1) * 1000;

Deno.test("fetchDatasets keeps at most `concurrency` downloads in flight, days in order", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tardis_conc_" });
  const server = startTardisTestServer({ dir, apiKey: KEY });
  try {
    await writeSampleDatasets({ dir, days: 6, tradesPerDay: 400, dataTypes: ["trades"] });
    let inFlight = 0;
    let most = 0;
    const started: string[] = [];
    // The real fetch to the local server, counting requests whose body is not yet consumed.
    const countingFetch: typeof fetch = async (input, init) => {
      inFlight++;
      most = Math.max(most, inFlight);
      started.push(String(input));
      await new Promise((resolve) => setTimeout(resolve, 15));
      const response = await fetch(input, init);
      const body = response.body!.pipeThrough(
        new TransformStream({ flush: () => void inFlight-- }),
      );
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const table = await fetchDatasets({
      exchange: "binance-futures",
      dataType: "trades",
      symbols: ["BTCUSDT"],
      from: "2024-03-01",
      to: "2024-03-07",
      apiKey: KEY,
      endpoint: server.endpoint,
      concurrency: 2,
      fetch: countingFetch,
    });
    assert.equal(most, 2);
    assert.equal(started.length, 6);
    assert.ok(started[0].endsWith("/2024/03/01/BTCUSDT.csv.gz"), started[0]);
    assert.equal(table.price.length, 6 * 400);
    const times = table.timestamp as Float64Array;
    for (let i = 1; i < times.length; i++) assert.ok(times[i] >= times[i - 1], `row ${i}`);
    assert.ok(times[0] >= MARCH_1 && times[times.length - 1] >= MARCH_1 + 5 * 24 * 3600e6);
    await assert.rejects(
      fetchDatasets({
        exchange: "binance-futures",
        dataType: "trades",
        symbols: ["BTCUSDT"],
        from: "2024-03-01",
        to: "2024-03-02",
        concurrency: 0,
      }),
      /concurrency: expected a positive integer/,
    );
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a grouped symbol file (PERPETUALS) downloads, caches and splits by symbol", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tardis_group_" });
  const cacheDir = await Deno.makeTempDir({ prefix: "tardis_group_cache_" });
  const server = startTardisTestServer({ dir });
  try {
    const header = "exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate," +
      "predicted_funding_rate,open_interest,last_price,index_price,mark_price";
    const rows: string[] = [];
    for (let k = 0; k < 6; k++) {
      const t = MARCH_1 + k * 4 * 3600e6;
      const next = MARCH_1 + Math.floor(k / 2 + 1) * H8;
      rows.push(`bybit,BTCUSDT,${t},${t + 500},${next},0.000${k + 1},,${100 + k},1,1,1`);
      rows.push(`bybit,ETHUSDT,${t},${t + 700},${next},-0.000${k + 1},,${50 + k},1,1,1`);
    }
    const name = "bybit_derivative_ticker_2024-03-01_PERPETUALS.csv.gz";
    await Deno.writeFile(`${dir}/${name}`, gzipSync(`${header}\n${rows.join("\n")}\n`));
    const grouped = await fetchDataset({
      exchange: "bybit",
      dataType: "derivative_ticker",
      date: "2024-03-01",
      symbol: "perpetuals",
      endpoint: server.endpoint,
      cacheDir,
    });
    assert.deepEqual(server.requests.map((r) => r.path), [
      "/v1/bybit/derivative_ticker/2024/03/01/PERPETUALS.csv.gz",
    ]);
    assert.deepEqual([...Deno.readDirSync(cacheDir)].map((e) => e.name), [name]);
    assert.equal(grouped.symbol.length, 12);
    assert.throws(
      () => alignDerivativeTicker(grouped, new Float64Array([MARCH_1])),
      /mixes symbols \("BTCUSDT" and "ETHUSDT" at row 1\); filter it to one symbol first/,
    );
    const parts = splitBySymbol(grouped);
    assert.deepEqual(Object.keys(parts), ["BTCUSDT", "ETHUSDT"]);
    assert.deepEqual([...parts.ETHUSDT.open_interest], [50, 51, 52, 53, 54, 55]);
    assert.deepEqual(parts.BTCUSDT.exchange, new Array(6).fill("bybit"));
    const btc = fundingSettlements(parts.BTCUSDT);
    assert.deepEqual([...btc.timestamp], [MARCH_1 + H8, MARCH_1 + 2 * H8]);
    assert.deepEqual([...btc.rate], [0.0002, 0.0004]);
    const eth = alignDerivativeTicker(parts.ETHUSDT, new Float64Array([MARCH_1 + 4 * 3600e6]));
    assert.deepEqual([...eth.funding_rate], [-0.0001]);
    assert.throws(() => splitBySymbol({ price: new Float64Array(1) }), /no "symbol" column/);
    assert.throws(
      () => splitBySymbol({ symbol: ["A", "B"], price: new Float64Array(1) }),
      /column "price" has 1 rows but "symbol" has 2/,
    );
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("fetchDatasets: the first failure aborts the downloads in flight, caching nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tardis_abort_" });
  const cacheDir = await Deno.makeTempDir({ prefix: "tardis_abort_cache_" });
  const server = startTardisTestServer({ dir, apiKey: KEY });
  try {
    await writeSampleDatasets({ dir, days: 2, tradesPerDay: 3000, dataTypes: ["trades"] });
    const ref = { exchange: "binance-futures", dataType: "trades", symbol: "BTCUSDT" };
    server.addFaults({ ...ref, date: "2024-03-01" }, { kind: "stall", afterBytes: 10_000 });
    const stalledThen403 = server.stalled.then(() =>
      server.addFaults({ ...ref, date: "2024-03-02" }, { kind: "status", status: 403 })
    );
    const error = await fetchDatasets({
      ...ref,
      symbols: ["BTCUSDT"],
      from: "2024-03-01",
      to: "2024-03-03",
      apiKey: KEY,
      endpoint: server.endpoint,
      cacheDir,
      concurrency: 2,
      // The second day is asked for once the first one has stalled midway.
      fetch: async (input, init) => {
        if (String(input).includes("/2024/03/02/")) await stalledThen403;
        return await fetch(input, init);
      },
    }).catch((e) => e);
    assert.ok(error instanceof TardisError, String(error));
    assert.equal(error.status, 403);
    assert.deepEqual([...Deno.readDirSync(cacheDir)], [], "no cache file and no temp file");
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(cacheDir, { recursive: true });
  }
});
