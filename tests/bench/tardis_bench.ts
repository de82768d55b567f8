/**
 * Tardis parsing on a generated 1,000,000-row trades `.csv.gz` (about 87 MB of CSV, seeded,
 * written once to `$TMPDIR/quantbook-tardis-bench/`): the full parse into columns through
 * `fetchDataset` reading it as a cached day (decompression on a worker thread), gzip
 * decompression alone (the floor), and 1-minute trade bars. Peer:
 * tests/bench/tardis_peer.py (pandas `read_csv`, C engine, on the same file); compare with
 * `deno run -A tests/bench/compare.ts tardis`.
 */
import { fetchDataset, tradeBars, writeSampleDatasets } from "../../lib/tardis/mod.ts";

const dir = `${Deno.env.get("TMPDIR") ?? "/tmp"}/quantbook-tardis-bench`;
const path = `${dir}/binance-futures_trades_2024-03-01_BTCUSDT.csv.gz`;
try {
  await Deno.stat(path);
} catch {
  await writeSampleDatasets({ dir, tradesPerDay: 1_000_000, dataTypes: ["trades"], seed: 42 });
}

/** The cached-day path of fetchDataset: read the `.csv.gz` from the cache, no network. */
function parseFile() {
  return fetchDataset({
    exchange: "binance-futures",
    dataType: "trades",
    date: "2024-03-01",
    symbol: "BTCUSDT",
    cacheDir: dir,
    fetch: () => Promise.reject(new Error("the bench must read the cached file")),
  });
}

// Only what bars need, so a million id strings do not sit on the heap during the parse benches.
const trades = await fetchDataset({
  exchange: "binance-futures",
  dataType: "trades",
  date: "2024-03-01",
  symbol: "BTCUSDT",
  cacheDir: dir,
  columns: ["timestamp", "side", "price", "amount"],
});

Deno.bench({
  name: "parse 1M trades csv.gz",
  group: "parse",
  baseline: true,
  n: 5,
  warmup: 1,
  fn: async () => void await parseFile(),
});

Deno.bench({
  name: "gunzip 1M trades csv.gz (floor)",
  group: "parse",
  n: 5,
  warmup: 1,
  fn: async () => {
    using file = await Deno.open(path);
    for await (const _ of file.readable.pipeThrough(new DecompressionStream("gzip"))) {
      // drain
    }
  },
});

Deno.bench({
  name: "tradeBars 1m on 1M trades",
  n: 10,
  warmup: 2,
  fn: () => void tradeBars(trades, { by: "time", interval: "1m" }),
});
