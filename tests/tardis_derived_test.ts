import assert from "node:assert/strict";
import { bookFeatures } from "../lib/factors/mod.ts";
import {
  alignDerivativeTicker,
  bookSnapshotsFromL2,
  fetchDataset,
  fundingSettlements,
  parseTardisCsv,
  tradeBars,
  writeSampleDatasets,
} from "../lib/tardis/mod.ts";

const S = 1e6;
const trades = {
  timestamp: new Float64Array([5 * S, 20 * S, 10 * S, 59 * S, 60 * S, 185 * S]),
  price: new Float64Array([100, 103, 99, 101, 102, 98]),
  amount: new Float64Array([1, 2, 1, 4, 1, 2]),
  side: ["buy", "buy", "sell", "unknown", "sell", "buy"],
};

Deno.test("tradeBars by time: bucket-end stamps, OHLC by exchange time, gaps filled", () => {
  const bars = tradeBars(trades, { by: "time", interval: "1m" });
  assert.deepEqual([...bars.timestamp], [60 * S, 120 * S, 180 * S, 240 * S]);
  assert.deepEqual([...bars.open], [100, 102, 102, 98]);
  assert.deepEqual([...bars.high], [103, 102, 102, 98]);
  assert.deepEqual([...bars.low], [99, 102, 102, 98]);
  assert.deepEqual([...bars.close], [101, 102, 102, 98]);
  assert.deepEqual([...bars.volume], [8, 1, 0, 2]);
  assert.deepEqual([...bars.buyVolume], [3, 0, 0, 2]);
  assert.deepEqual([...bars.sellVolume], [1, 1, 0, 0]);
  assert.deepEqual([...bars.trades], [4, 1, 0, 1]);
  assert.equal(bars.vwap[0], (100 + 206 + 99 + 404) / 8);
  assert.ok(Number.isNaN(bars.vwap[2]));
  const sparse = tradeBars(trades, { by: "time", interval: 60 * S, fillGaps: false });
  assert.deepEqual([...sparse.timestamp], [60 * S, 120 * S, 240 * S]);
});

Deno.test("tradeBars by tick, volume and dollar close on the threshold trade", () => {
  const tick = tradeBars(trades, { by: "tick", count: 4 });
  assert.deepEqual([...tick.close], [101]);
  assert.deepEqual([...tick.timestamp], [59 * S]);
  const withPartial = tradeBars(trades, { by: "tick", count: 4, includePartial: true });
  assert.deepEqual([...withPartial.open], [100, 102]);
  assert.deepEqual([...withPartial.timestamp], [59 * S, 185 * S]);
  const volume = tradeBars(trades, { by: "volume", volume: 3 });
  assert.deepEqual([...volume.volume], [3, 5, 3]);
  assert.deepEqual([...volume.high], [103, 101, 102]);
  assert.deepEqual([...volume.buyVolume], [3, 0, 2]);
  assert.deepEqual([...volume.sellVolume], [0, 1, 1]);
  assert.deepEqual([...volume.trades], [2, 2, 2]);
  assert.deepEqual([...volume.vwap], [306 / 3, 503 / 5, 298 / 3]);
  assert.deepEqual([...volume.timestamp], [20 * S, 59 * S, 185 * S]);
  const dollar = tradeBars(trades, { by: "dollar", dollars: 300 });
  assert.deepEqual([...dollar.trades], [2, 2]);
  assert.deepEqual([...dollar.vwap], [306 / 3, 503 / 5]);
  assert.deepEqual([...dollar.buyVolume], [3, 0]);
  assert.deepEqual([...dollar.sellVolume], [0, 1]);
  assert.deepEqual([...dollar.open], [100, 99]);
  assert.deepEqual([...dollar.close], [103, 101]);
});

Deno.test("tradeBars rejects missing prices and bad options with clear messages", () => {
  const bad = { ...trades, price: new Float64Array([100, NaN, 1, 1, 1, 1]) };
  assert.throws(() => tradeBars(bad, { by: "tick", count: 2 }), /row 1 has a missing/);
  assert.throws(() => tradeBars(trades, { by: "time", interval: "1w" }), /"5m"/);
  assert.throws(
    () => tradeBars(trades, { by: "volume", volume: 0 }),
    /volume must be a positive number/,
  );
  assert.throws(() => tradeBars({ price: trades.price }, { by: "tick", count: 1 }), /timestamp/);
  const mixed = { ...trades, symbol: ["BTC", "BTC", "ETH", "BTC", "BTC", "BTC"] };
  assert.throws(() => tradeBars(mixed, { by: "tick", count: 2 }), /mixes symbols.*row 2/);
});

Deno.test("bookSnapshotsFromL2 replays updates, deletes, resets and skips pre-snapshot rows", async () => {
  const csv = [
    "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount",
    "deribit,BTC-PERPETUAL,0,500000,false,bid,1,1",
    "deribit,BTC-PERPETUAL,0,1000000,true,bid,99,2",
    "deribit,BTC-PERPETUAL,0,1000000,true,bid,98,5",
    "deribit,BTC-PERPETUAL,0,1000000,true,ask,101,3",
    "deribit,BTC-PERPETUAL,0,1500000,false,bid,100,1",
    "deribit,BTC-PERPETUAL,0,1600000,false,ask,101,0",
    "deribit,BTC-PERPETUAL,0,1600000,false,ask,102,4",
    "deribit,BTC-PERPETUAL,0,3200000,true,bid,90,1",
    "deribit,BTC-PERPETUAL,0,3200000,true,ask,91,1",
  ].join("\n");
  const l2 = await parseTardisCsv(new TextEncoder().encode(csv), {
    dataType: "incremental_book_L2",
  });
  const book = bookSnapshotsFromL2(l2, { interval: "1s", levels: 2 });
  assert.deepEqual([...book.timestamp], [1 * S, 2 * S, 3 * S, 4 * S].slice(0, 3));
  assert.deepEqual(book.symbol, ["BTC-PERPETUAL", "BTC-PERPETUAL", "BTC-PERPETUAL"]);
  assert.deepEqual([...book["bids[0].price"]], [99, 100, 100]);
  assert.deepEqual([...book["bids[1].price"]], [98, 99, 99]);
  assert.deepEqual([...book["asks[0].price"]], [101, 102, 102]);
  assert.deepEqual([...book["asks[0].amount"]], [3, 4, 4]);
  assert.ok(Number.isNaN(book["asks[1].price"][1]));
  const later = bookSnapshotsFromL2(l2, { interval: 200_000, levels: 1 });
  const last = later.timestamp.length - 1;
  assert.equal(later.timestamp[last], 3.2 * S);
  assert.equal(later["bids[0].price"][last], 90);
  assert.equal(later["asks[0].price"][last], 91);
});

Deno.test("alignDerivativeTicker joins as of bar time minus latency, skipping gaps", () => {
  const ticker = {
    local_timestamp: new Float64Array([10, 20, 30]),
    funding_rate: new Float64Array([0.0001, NaN, 0.0002]),
    open_interest: new Float64Array([5, 6, 7]),
  };
  const bars = new Float64Array([5, 20, 25, 40]);
  const aligned = alignDerivativeTicker(ticker, bars);
  assert.deepEqual(Object.keys(aligned), ["funding_rate", "open_interest"]);
  assert.deepEqual([...aligned.funding_rate], [NaN, 0.0001, 0.0001, 0.0002]);
  assert.deepEqual([...aligned.open_interest], [NaN, 6, 6, 7]);
  const late = alignDerivativeTicker(ticker, bars, { latencyUs: 10, columns: ["open_interest"] });
  assert.deepEqual([...late.open_interest], [NaN, 5, 5, 7]);
});

Deno.test("sample data round-trips through fetchDataset into bars, features and funding", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const files = await writeSampleDatasets({
      dir,
      tradesPerDay: 20_000,
      snapshotIntervalMs: 60_000,
      dataTypes: ["trades", "book_snapshot_25", "derivative_ticker", "quotes"],
    });
    assert.deepEqual(files.map((f) => [f.dataType, f.rows]), [
      ["trades", 20_000],
      ["book_snapshot_25", 1440],
      ["derivative_ticker", 17_280],
      ["quotes", 86_400],
    ]);
    const ref = { exchange: "binance-futures", date: "2024-03-01", symbol: "BTCUSDT" };
    const offline = { cacheDir: dir, fetch: () => Promise.reject(new Error("offline")) };
    const trades = await fetchDataset({ ...ref, dataType: "trades", ...offline });
    const bars = tradeBars(trades, { by: "time", interval: "5m" });
    assert.equal(bars.timestamp.length, 288);
    assert.equal(bars.timestamp[0], Date.UTC(2024, 2, 1, 0, 5) * 1000);
    const sides = new Set(trades.side as string[]);
    assert.deepEqual([...sides].sort(), ["buy", "sell"]);
    const book = await fetchDataset({ ...ref, dataType: "book_snapshot_25", ...offline });
    const features = bookFeatures(book, { levels: 25 });
    for (let i = 0; i < features.mid.length; i++) {
      assert.ok(features.spread[i] > 0 && features.spread[i] < 0.11, `spread ${i}`);
      assert.ok(Math.abs(features.depthImbalance[i]) < 1);
    }
    const ticker = await fetchDataset({ ...ref, dataType: "derivative_ticker", ...offline });
    const funding = fundingSettlements(ticker);
    assert.deepEqual([...funding.timestamp], [8, 16].map((h) => Date.UTC(2024, 2, 1, h) * 1000));
    const aligned = alignDerivativeTicker(ticker, bars.timestamp);
    assert.ok(aligned.open_interest.every((v) => v > 0));
    const l2Dir = await Deno.makeTempDir();
    await writeSampleDatasets({
      dir: l2Dir,
      dataTypes: ["incremental_book_L2"],
      l2IntervalMs: 60_000,
    });
    const l2 = await fetchDataset({ ...ref, dataType: "incremental_book_L2", cacheDir: l2Dir });
    const rebuilt = bookSnapshotsFromL2(l2, { interval: "1m", levels: 5 });
    assert.equal(rebuilt.timestamp.length, 1439);
    assert.equal(rebuilt.timestamp[0], Date.UTC(2024, 2, 1, 0, 1) * 1000);
    const rebuiltFeatures = bookFeatures(rebuilt);
    assert.ok(rebuiltFeatures.spread.every((s) => s > 0 && s < 0.11));
    await Deno.remove(l2Dir, { recursive: true });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
