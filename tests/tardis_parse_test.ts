import assert from "node:assert/strict";
import { parseTardisCsv } from "../lib/tardis/mod.ts";

const encoder = new TextEncoder();
const TRADES_HEADER = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Response(stream).bytes();
}

function chunkedStream(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

const TRADES = [
  TRADES_HEADER,
  "bitmex,XBTUSD,1585699200245000,1585699200254000,e0b3f3a9-1c6d,sell,6424,1000",
  "bitmex,XBTUSD,1585699200345000,1585699200354000,e0b3f3a9-1c6e,buy,6424.5,0.00012345",
  "bitmex,ETHUSD,1585699200445000,1585699200454000,,unknown,-1.5e-8,",
  "bitmex,XBTUSD,9007199254740993,1585699200554000,x,buy,12345678901234567890,0.1",
].join("\n") + "\n";

Deno.test("parseTardisCsv parses trades into typed and interned columns", async () => {
  const table = await parseTardisCsv(encoder.encode(TRADES), { dataType: "trades" });
  assert.deepEqual(Object.keys(table), TRADES_HEADER.split(","));
  assert.ok(table.price instanceof Float64Array);
  assert.deepEqual([...table.price], [6424, 6424.5, -1.5e-8, 12345678901234567890]);
  assert.deepEqual([...table.amount].slice(0, 2), [1000, 0.00012345]);
  assert.ok(Number.isNaN(table.amount[2]));
  assert.deepEqual([...table.timestamp], [
    1585699200245000,
    1585699200345000,
    1585699200445000,
    9007199254740992,
  ]);
  assert.deepEqual(table.side, ["sell", "buy", "unknown", "buy"]);
  assert.deepEqual(table.symbol, ["XBTUSD", "XBTUSD", "ETHUSD", "XBTUSD"]);
  assert.deepEqual(table.id, ["e0b3f3a9-1c6d", "e0b3f3a9-1c6e", "", "x"]);
});

Deno.test("parseTardisCsv gives identical columns for every chunk split", async () => {
  const bytes = encoder.encode(TRADES);
  const whole = await parseTardisCsv(bytes);
  for (const size of [1, 2, 3, 7, 13, 64]) {
    const table = await parseTardisCsv(chunkedStream(bytes, size));
    assert.deepEqual(table, whole, `chunk size ${size}`);
  }
});

Deno.test("parseTardisCsv parses numbers exactly like Number()", async () => {
  const values = [
    "0",
    "0.1",
    "42283.5",
    "-0.0001",
    "123456789.12345678",
    "1e-8",
    "2.5E+3",
    "0.30000000000000004",
    "1709251200012000",
    "99999999999999999999",
    "NaN",
  ];
  const csv = "a\n" + values.join("\n") + "\n";
  const table = await parseTardisCsv(encoder.encode(csv));
  assert.deepEqual([...table.a], values.map(Number));
});

Deno.test("parseTardisCsv accepts CRLF and a missing final newline", async () => {
  const csv = TRADES.trimEnd().replaceAll("\n", "\r\n");
  const table = await parseTardisCsv(encoder.encode(csv), { dataType: "trades" });
  assert.equal(table.price.length, 4);
  assert.deepEqual(table.side, ["sell", "buy", "unknown", "buy"]);
  assert.equal(table.amount[3], 0.1);
});

Deno.test("parseTardisCsv reads gzip, keeps selected columns, maps is_snapshot to 1/0", async () => {
  const csv = "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n" +
    "deribit,BTC-PERPETUAL,1,2,true,bid,100,5\n" +
    "deribit,BTC-PERPETUAL,3,4,false,ask,101,0\n";
  const bytes = await gzip(csv);
  const table = await parseTardisCsv(bytes, {
    dataType: "incremental_book_L2",
    columns: ["is_snapshot", "side", "price"],
  });
  assert.deepEqual(Object.keys(table), ["is_snapshot", "side", "price"]);
  assert.deepEqual([...table.is_snapshot], [1, 0]);
  assert.deepEqual(table.side, ["bid", "ask"]);
});

Deno.test("parseTardisCsv gives empty typed columns for an empty day", async () => {
  for (const input of [new Uint8Array(0), await gzip("")]) {
    const table = await parseTardisCsv(input, { dataType: "trades" });
    assert.deepEqual(Object.keys(table), TRADES_HEADER.split(","));
    assert.ok(table.price instanceof Float64Array);
    assert.equal(table.price.length, 0);
    assert.deepEqual(table.side, []);
  }
});

Deno.test("parseTardisCsv rejects a header of another data type", async () => {
  await assert.rejects(
    parseTardisCsv(encoder.encode(TRADES), { dataType: "quotes", source: "x.csv.gz" }),
    /x\.csv\.gz: header does not match data type "quotes"/,
  );
});

Deno.test("parseTardisCsv names the row and column of a malformed cell", async () => {
  const csv = `${TRADES_HEADER}\nbitmex,XBTUSD,1,2,a,buy,12x,1\n`;
  await assert.rejects(
    parseTardisCsv(encoder.encode(csv)),
    /data row 1 \(line 2\), column "price": expected a number/,
  );
  const short = `${TRADES_HEADER}\nbitmex,XBTUSD,1,2,a,buy,12\n`;
  await assert.rejects(parseTardisCsv(encoder.encode(short)), /column "price": expected 8/);
});

Deno.test("parseTardisCsv reports truncated gzip as such", async () => {
  const rows = TRADES.slice(TRADES.indexOf("\n") + 1);
  const bytes = await gzip(TRADES_HEADER + "\n" + rows.repeat(500));
  await assert.rejects(
    parseTardisCsv(bytes.subarray(0, bytes.length >> 1), { source: "cut.csv.gz" }),
    /cut\.csv\.gz: truncated or corrupt gzip data/,
  );
});

Deno.test("parseTardisCsv decompressing on a worker gives the same columns and errors", async () => {
  const rows = TRADES.slice(TRADES.indexOf("\n") + 1);
  const bytes = await gzip(TRADES_HEADER + "\n" + rows.repeat(3000));
  const inline = await parseTardisCsv(bytes, { worker: false });
  const threaded = await parseTardisCsv(chunkedStream(bytes, 4096), { worker: true });
  assert.deepEqual(threaded, inline);
  assert.equal(threaded.price.length, 12_000);
  const sized = await parseTardisCsv(chunkedStream(bytes, 4096), {
    inputBytes: bytes.length,
    outputBytes: 7,
  });
  assert.deepEqual(sized, inline);
  await assert.rejects(
    parseTardisCsv(chunkedStream(bytes.slice(0, bytes.length - 9), 4096), { worker: true }),
    /truncated or corrupt gzip data/,
  );
  const corrupt = bytes.slice();
  corrupt[200] ^= 0xff;
  await assert.rejects(parseTardisCsv(corrupt, { worker: true }), /truncated or corrupt gzip/);
});

Deno.test("parseTardisCsv stops when its signal aborts, also with a worker", async () => {
  const rows = TRADES.slice(TRADES.indexOf("\n") + 1);
  const bytes = await gzip(TRADES_HEADER + "\n" + rows.repeat(2000));
  for (const worker of [false, true]) {
    const controller = new AbortController();
    let chunks = 0;
    const stream = chunkedStream(bytes, 1024).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          if (++chunks === 3) controller.abort(new Error("stop parsing"));
          out.enqueue(chunk);
        },
      }),
    );
    await assert.rejects(
      parseTardisCsv(stream, { worker, signal: controller.signal }),
      /stop parsing/,
    );
  }
});
