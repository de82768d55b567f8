import assert from "node:assert/strict";
import { DataFrame } from "danfojs";
import { fromDataFrame, toDataFrame } from "../lib/frame/mod.ts";

const t0 = Date.UTC(2024, 0, 1) * 1000;

Deno.test("toDataFrame -> fromDataFrame round-trips numbers, NaN, strings and µs times", () => {
  const table = {
    timestamp: new Float64Array([t0, t0 + 60e6, t0 + 120e6]),
    close: new Float64Array([100.123456789, NaN, 101.5]),
    side: ["buy", "sell", "unknown"],
  };
  const df = toDataFrame(table);
  assert.deepEqual(df.columns, ["timestamp", "close", "side"]);
  assert.deepEqual(df.shape, [3, 3]);
  const back = fromDataFrame(df);
  assert.deepEqual(Object.keys(back), ["timestamp", "close", "side"]);
  assert.ok(back.timestamp instanceof Float64Array);
  assert.deepEqual(back.timestamp, table.timestamp); // exact to the microsecond
  assert.deepEqual(back.close, table.close);
  assert.deepEqual(back.side, table.side);
  table.close[0] = 0; // the DataFrame holds copies
  assert.equal(df.column("close").values[0], 100.123456789);
});

Deno.test("toDataFrame uses a column as the index; fromDataFrame can return it", () => {
  const df = toDataFrame({
    timestamp: new Float64Array([t0, t0 + 1]),
    close: new Float64Array([1, 2]),
  }, { index: "timestamp" });
  assert.deepEqual(df.columns, ["close"]);
  assert.deepEqual(df.index, [t0, t0 + 1]);
  const back = fromDataFrame(df, { indexAs: "timestamp" });
  assert.deepEqual(back.timestamp, new Float64Array([t0, t0 + 1]));
  assert.throws(() => fromDataFrame(df, { indexAs: "close" }), /already a column/);
  assert.throws(
    () => toDataFrame({ a: new Float64Array(1) }, { index: "b" }),
    /options.index "b" is not a column; columns are: a/,
  );
});

Deno.test("fromDataFrame maps booleans, nulls and danfojs results to typed columns", () => {
  const df = new DataFrame({ up: [true, false], v: [1, null], name: ["a", null] });
  const table = fromDataFrame(df);
  assert.deepEqual(table.up, new Float64Array([1, 0]));
  assert.deepEqual(table.v, new Float64Array([1, NaN]));
  assert.deepEqual(table.name, ["a", ""]);
  const sorted = fromDataFrame(
    toDataFrame({ x: new Float64Array([3, 1, 2]) }).sortValues("x") as DataFrame,
  );
  assert.deepEqual(sorted.x, new Float64Array([1, 2, 3]));
});

Deno.test("frame conversions reject bad input with clear errors", () => {
  assert.throws(
    () => toDataFrame({ a: new Float64Array(2), b: new Float64Array(3) }),
    /column "b" has length 3 but "a" has 2/,
  );
  assert.throws(
    () => toDataFrame({ a: new Int32Array(2) as unknown as Float64Array }),
    /column "a" must be a Float64Array or a string\[\], got Int32Array/,
  );
  assert.throws(() => fromDataFrame({} as DataFrame), /must be a danfojs DataFrame/);
  const empty = toDataFrame({ a: new Float64Array(0) });
  assert.deepEqual(empty.shape, [0, 1]);
  assert.deepEqual(fromDataFrame(empty).a, new Float64Array(0));
});
