import assert from "node:assert/strict";
import { jupyterDisplaySymbol, progressDisplay, statsView, tableView } from "../lib/plot/mod.ts";

Deno.test("tableView formats times, numbers, NaN and strings and shows head and tail", () => {
  const n = 30;
  const view = tableView({
    timestamp: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1, 0, i) * 1000),
    close: Float64Array.from({ length: n }, (_, i) => (i === 0 ? NaN : 100 + i / 3)),
    side: Array.from({ length: n }, (_, i) => (i % 2 ? "buy" : "sell")),
  }, { maxRows: 4, digits: 2, title: "Trades" });
  assert.deepEqual(view.rows, [
    ["2024-01-01 00:00:00", "NaN", "sell"],
    ["2024-01-01 00:01:00", "100.33", "buy"],
    ["…", "…", "…"],
    ["2024-01-01 00:28:00", "109.33", "sell"],
    ["2024-01-01 00:29:00", "109.67", "buy"],
  ]);
  assert.deepEqual(view.numeric, [false, true, false]);
  const html = view[jupyterDisplaySymbol]()["text/html"] as string;
  assert.match(html, /<caption>Trades<\/caption>/);
  assert.match(html, /30 rows × 3 columns/);
  const text = view.toText().split("\n");
  assert.equal(text[0], "Trades");
  assert.equal(text[1], "timestamp             close  side");
  assert.equal(text[4], "2024-01-01 00:01:00  100.33  buy");
});

Deno.test("tableView gives a column with fractions the same decimals throughout", () => {
  const view = tableView({ price: new Float64Array([63, 64.5]), n: new Float64Array([1, 2]) }, {
    digits: 2,
  });
  assert.deepEqual(view.rows, [["63.00", "1"], ["64.50", "2"]]);
  const times = tableView({ publishedAt: new Float64Array([0]), entryTime: new Float64Array([0]) });
  assert.deepEqual(times.rows, [["1970-01-01 00:00:00", "1970-01-01 00:00:00"]]);
  // Milliseconds and microseconds show when present, also before 1970; NaN is NaT.
  const exact = tableView({
    timestamp: new Float64Array([-1, 1_709_251_199_999_000, 1_709_251_200_000_001, NaN]),
  });
  assert.deepEqual(exact.rows.map((r) => r[0]), [
    "1969-12-31 23:59:59.999999",
    "2024-02-29 23:59:59.999",
    "2024-03-01 00:00:00.000001",
    "NaT",
  ]);
});

Deno.test("tableView escapes HTML and rejects ragged tables", () => {
  const view = tableView({ name: ["<b>x</b>"], v: new Float64Array([1]) });
  assert.match(view.toHtml(), /&#60;b&#62;x&#60;\/b&#62;/);
  assert.throws(
    () => tableView({ a: new Float64Array(2), b: new Float64Array(3) }),
    /column "b" has length 3 but "a" has 2/,
  );
  assert.throws(() => tableView({ a: new Float64Array(1) }, { maxRows: 0 }), /maxRows/);
});

Deno.test("statsView shows one stats object or several side by side", () => {
  const one = statsView({ totalReturnPct: 12.345, sharpe: 1.5, numTrades: 7, kelly: NaN });
  assert.deepEqual(one.rows, [
    ["total return %", "12.35"],
    ["sharpe", "1.50"],
    ["num trades", "7"],
    ["kelly", "NaN"],
  ]);
  const two = statsView({
    strategy: { totalReturnPct: 10, sharpe: 1.2 },
    "buy & hold": { totalReturnPct: 5 },
  }, { rawKeys: true });
  assert.deepEqual(two.columns, ["metric", "strategy", "buy & hold"]);
  assert.deepEqual(two.rows, [["totalReturnPct", "10", "5"], ["sharpe", "1.20", ""]]);
});

Deno.test("progressDisplay works outside Jupyter without throwing", async () => {
  const progress = progressDisplay({ total: 4, label: "work", minIntervalMs: 0 });
  progress.tick();
  progress.update(2, "half");
  assert.match(progress.text(), /^work \[#{10}\.{10}\] 50% 2\/4 .*half$/);
  progress.tick(2);
  await progress.finish("done");
  assert.match(progress.text(), /^work \[#{20}\] 100% 4\/4 [\d.]+s done$/);
  assert.throws(() => progress.tick(-1), /expected a finite number >= 0/);
  assert.throws(() => progressDisplay({ total: NaN }), /options.total/);
  const counter = progressDisplay();
  counter.tick(3);
  assert.match(counter.text(), /^progress 3 /);
  await counter.finish();
});
