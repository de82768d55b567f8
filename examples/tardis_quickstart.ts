/**
 * Tardis.dev data layer, offline: writes two days of seeded sample files in Tardis' format,
 * serves them on 127.0.0.1 like datasets.tardis.dev (key needed except on the 1st of the
 * month), downloads them into a disk cache with a progress bar, then builds 5-minute trade
 * bars, book features and funding/open interest aligned to the bars.
 *
 * Run: `deno run -A examples/tardis_quickstart.ts`
 *
 * @module
 */
import { bookFeatures } from "../lib/factors/mod.ts";
import {
  alignDerivativeTicker,
  createDownloadProgressBar,
  fetchDatasets,
  fetchExchangeInfo,
  fundingSettlements,
  serveTardisDatasets,
  tradeBars,
  writeSampleDatasets,
} from "../lib/tardis/mod.ts";

const sampleDir = await Deno.makeTempDir({ prefix: "tardis_sample_" });
const cacheDir = await Deno.makeTempDir({ prefix: "tardis_cache_" });
const apiKey = "demo-key";
await writeSampleDatasets({
  dir: sampleDir,
  date: "2024-03-01",
  days: 2,
  tradesPerDay: 50_000,
  snapshotIntervalMs: 10_000,
});
const server = serveTardisDatasets({ dir: sampleDir, apiKey });

try {
  const info = await fetchExchangeInfo("binance-futures", { endpoint: server.apiEndpoint });
  console.log(`datasets until ${info.datasets?.exportedUntil}:`, info.datasets?.symbols);

  const common = {
    exchange: "binance-futures",
    symbols: ["BTCUSDT"],
    from: "2024-03-01",
    to: "2024-03-03",
    apiKey,
    endpoint: server.endpoint,
    cacheDir,
  };
  const bar = createDownloadProgressBar({ label: "trades" });
  const trades = await fetchDatasets({ ...common, dataType: "trades", onProgress: bar.update });
  bar.done();
  const book = await fetchDatasets({ ...common, dataType: "book_snapshot_25" });
  const ticker = await fetchDatasets({ ...common, dataType: "derivative_ticker" });

  const bars = tradeBars(trades, { by: "time", interval: "5m" });
  const features = bookFeatures(book, { levels: 10 });
  const funding = alignDerivativeTicker(ticker, bars.timestamp, { latencyUs: 1_000_000 });
  const settlements = fundingSettlements(ticker);

  const last = bars.timestamp.length - 1;
  console.log(`${trades.price.length} trades -> ${bars.timestamp.length} bars of 5 minutes`);
  console.log("last bar:", {
    end: new Date(bars.timestamp[last] / 1000).toISOString(),
    close: bars.close[last],
    vwap: bars.vwap[last].toFixed(2),
    buyShare: (bars.buyVolume[last] / bars.volume[last]).toFixed(3),
    fundingRate: funding.funding_rate[last],
    openInterest: funding.open_interest[last],
  });
  const meanImbalance = features.depthImbalance.reduce((a, b) => a + b, 0) /
    features.depthImbalance.length;
  console.log(
    `book: ${features.mid.length} snapshots, mean depth imbalance ${meanImbalance.toFixed(3)}`,
  );
  console.log(
    "funding settlements:",
    [...settlements.timestamp].map((t, i) =>
      `${new Date(t / 1000).toISOString()} ${settlements.rate[i].toExponential(2)}`
    ),
  );
  console.log("cache:", [...Deno.readDirSync(cacheDir)].map((e) => e.name).sort());
} finally {
  await server.close();
  await Deno.remove(sampleDir, { recursive: true });
  await Deno.remove(cacheDir, { recursive: true });
}
