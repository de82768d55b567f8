import assert from "node:assert/strict";
import {
  TARDIS_DATASETS_ENDPOINT,
  tardisCacheFileName,
  tardisDatasetUrl,
  tardisSymbolSlug,
} from "../lib/tardis/mod.ts";

Deno.test("tardisDatasetUrl follows the official scheme with zero-padded UTC dates", () => {
  assert.equal(TARDIS_DATASETS_ENDPOINT, "https://datasets.tardis.dev/v1");
  assert.equal(
    tardisDatasetUrl({
      exchange: "deribit",
      dataType: "trades",
      date: "2020-03-01",
      symbol: "BTC-PERPETUAL",
    }),
    "https://datasets.tardis.dev/v1/deribit/trades/2020/03/01/BTC-PERPETUAL.csv.gz",
  );
  assert.equal(
    tardisDatasetUrl({
      exchange: "binance",
      dataType: "book_snapshot_25",
      date: new Date(Date.UTC(2021, 0, 9, 23, 59)),
      symbol: "btc/usdt",
    }, "http://127.0.0.1:9/v1/"),
    "http://127.0.0.1:9/v1/binance/book_snapshot_25/2021/01/09/BTC-USDT.csv.gz",
  );
  assert.equal(
    tardisDatasetUrl({
      exchange: "okex-swap",
      dataType: "derivative_ticker",
      date: "2024-02-29",
      symbol: "PERPETUALS",
    }),
    "https://datasets.tardis.dev/v1/okex-swap/derivative_ticker/2024/02/29/PERPETUALS.csv.gz",
  );
});

Deno.test("symbols are upper-cased, / and : become -, then URL-encoded", () => {
  assert.equal(tardisSymbolSlug("eth/usd:eth-240329"), "ETH-USD-ETH-240329");
  const url = tardisDatasetUrl({
    exchange: "bybit",
    dataType: "trades",
    date: "2024-03-01",
    symbol: "a b#c",
  });
  assert.ok(url.endsWith("/A%20B%23C.csv.gz"), url);
});

Deno.test("tardisCacheFileName uses the official clients' naming", () => {
  assert.equal(
    tardisCacheFileName({
      exchange: "binance-futures",
      dataType: "incremental_book_L2",
      date: "2024-03-05",
      symbol: "btcusdt",
    }),
    "binance-futures_incremental_book_L2_2024-03-05_BTCUSDT.csv.gz",
  );
});

Deno.test("bad dates and ids fail with a message that says how to fix them", () => {
  const ref = { exchange: "deribit", dataType: "trades", symbol: "BTC-PERPETUAL" };
  assert.throws(() => tardisDatasetUrl({ ...ref, date: "2024-02-30" }), /"YYYY-MM-DD"/);
  assert.throws(() => tardisDatasetUrl({ ...ref, date: "yesterday" }), /not a valid date/);
  assert.throws(() => tardisDatasetUrl({ ...ref, date: new Date(NaN) }), RangeError);
  assert.throws(
    () => tardisDatasetUrl({ ...ref, exchange: "../etc", date: "2024-01-01" }),
    /not a valid Tardis id/,
  );
  assert.throws(() => tardisSymbolSlug(" "), /non-empty string/);
});
