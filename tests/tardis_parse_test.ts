import assert from "node:assert/strict";
import { parseTardisCsv, TardisError } from "../lib/tardis/mod.ts";
import { parseTardisGzipFile } from "../lib/tardis/parse_csv.ts";
import { gunzipInWorker, startGunzipWorker } from "../lib/tardis/_gunzip_in_worker.ts";

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

Deno.test("parseTardisCsv keeps non-ASCII ids intact across chunk splits", async () => {
  const ids = ["a1", "é-2", "", "日本-3", "x".repeat(40), "z"];
  const csv = "id,price\n" + ids.map((id, i) => `${id},${i}`).join("\n") + "\n";
  const bytes = encoder.encode(csv);
  for (const size of [1, 3, 8, 1000]) {
    const table = await parseTardisCsv(chunkedStream(bytes, size));
    assert.deepEqual(table.id, ids, `chunk size ${size}`);
    assert.deepEqual([...table.price], [0, 1, 2, 3, 4, 5]);
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

Deno.test("parseTardisCsv reads every documented data type with typed columns", async () => {
  const prefix = "deribit,BTC-PERPETUAL,1585699200245000,1585699200254000";
  const rows: Record<string, string> = {
    liquidations: `${prefix},liq1,buy,6400.5,120`,
    quotes: `${prefix},10,6401,6400.5,12`,
    book_ticker: `${prefix},10,6401,6400.5,12`,
    derivative_ticker: `${prefix},1585713600000000,0.0001,,15000000,6400,6399.5,6400.2`,
    options_chain: "deribit,OPTIONS,1585699200245000,1585699200254000,call,7000," +
      "1585900800000000,12.5,0.015,0.01,5,0.65,0.02,7,0.7,0.016,0.68,BTC-USD,6400,0.3,0.0001," +
      "4.5,-8.2,0.9",
    book_snapshot_5: `${prefix},${
      Array.from({ length: 5 }, (_, i) => `${6401 + i},${i + 1},${6400 - i},${i + 2}`).join(",")
    }`,
  };
  for (const [dataType, row] of Object.entries(rows)) {
    const header = dataType === "book_snapshot_5"
      ? "exchange,symbol,timestamp,local_timestamp," + Array.from(
        { length: 5 },
        (_, i) => `asks[${i}].price,asks[${i}].amount,bids[${i}].price,bids[${i}].amount`,
      ).join(",")
      : {
        liquidations: TRADES_HEADER,
        quotes:
          "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount",
        book_ticker:
          "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount",
        derivative_ticker: "exchange,symbol,timestamp,local_timestamp,funding_timestamp," +
          "funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price",
        options_chain: "exchange,symbol,timestamp,local_timestamp,type,strike_price,expiration," +
          "open_interest,last_price,bid_price,bid_amount,bid_iv,ask_price,ask_amount,ask_iv," +
          "mark_price,mark_iv,underlying_index,underlying_price,delta,gamma,vega,theta,rho",
      }[dataType];
    const table = await parseTardisCsv(encoder.encode(`${header}\n${row}\n`), {
      dataType: dataType as "quotes",
    });
    assert.equal(table.timestamp[0], 1585699200245000, dataType);
    for (const [name, column] of Object.entries(table)) {
      const text = ["exchange", "symbol", "id", "side", "type", "underlying_index"].includes(name);
      assert.equal(Array.isArray(column), text, `${dataType}.${name}`);
    }
  }
  const options = await parseTardisCsv(
    encoder.encode(
      `exchange,symbol,timestamp,type,underlying_index,delta\nd,O,1,put,BTC-USD,-0.4\n`,
    ),
  );
  assert.deepEqual(options.type, ["put"]);
  assert.deepEqual(options.underlying_index, ["BTC-USD"]);
  assert.equal(options.delta[0], -0.4);
});

Deno.test("parseTardisCsv interns any sequence of repeated values exactly", async () => {
  const values = ["buy", "sell", "", "buy", "buy", "sell", "unknown", "", "", "bu", "buyy", "sell"];
  const sides = Array.from({ length: 600 }, (_, i) => values[(i * 7 + (i >> 3)) % values.length]);
  const csv = "side,price\n" + sides.map((s, i) => `${s},${i}`).join("\n") + "\n";
  for (const size of [5, 64, 100_000]) {
    const table = await parseTardisCsv(chunkedStream(encoder.encode(csv), size));
    assert.deepEqual(table.side, sides, `chunk size ${size}`);
  }
});

Deno.test("a gzip file read by the worker itself parses the same, with progress and errors", async () => {
  const rows = TRADES.slice(TRADES.indexOf("\n") + 1);
  const bytes = await gzip(TRADES_HEADER + "\n" + rows.repeat(3000));
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/day.csv.gz`;
    await Deno.writeFile(path, bytes);
    const inline = await parseTardisCsv(bytes, { worker: false });
    for (const worker of [true, false]) {
      let read = 0;
      const table = await parseTardisGzipFile(path, {
        worker,
        inputBytes: bytes.length,
        onBytes: (n) => read += n,
      });
      assert.deepEqual(table, inline);
      assert.equal(read, bytes.length);
    }
    await Deno.writeFile(path, bytes.slice(0, bytes.length - 9));
    await assert.rejects(
      parseTardisGzipFile(path, { worker: true, source: "day.csv.gz" }),
      (error) =>
        error instanceof TardisError && /day\.csv\.gz: truncated or corrupt/.test(error.message),
    );
    await assert.rejects(
      parseTardisGzipFile(`${dir}/missing.csv.gz`, { worker: true }),
      /missing\.csv\.gz/,
    );
    await Deno.writeFile(path, bytes);
    const controller = new AbortController();
    controller.abort(new Error("stop reading"));
    await assert.rejects(
      parseTardisGzipFile(path, { worker: true, signal: controller.signal }),
      /stop reading/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the worker goes on from where the calling thread stopped in a file", async () => {
  const rows = TRADES.slice(TRADES.indexOf("\n") + 1);
  const csv = encoder.encode(TRADES_HEADER + "\n" + rows.repeat(40_000));
  const bytes = await gzip(new TextDecoder().decode(csv));
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/day.csv.gz`;
    await Deno.writeFile(path, bytes);
    for (const skipOutput of [0, 1, 777_777, csv.length - 5, csv.length]) {
      const worker = await startGunzipWorker();
      assert.ok(worker !== undefined);
      let read = 0;
      const parts: Uint8Array[] = [];
      const input = { path, skipOutput, inputSeen: 1000 };
      for await (const chunk of gunzipInWorker(worker, input, (n) => read += n)) {
        parts.push(chunk.slice());
      }
      const rest = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((offset, p) => (rest.set(p, offset), offset + p.length), 0);
      assert.deepEqual(rest, csv.subarray(skipOutput), `skip ${skipOutput}`);
      assert.equal(read, bytes.length - 1000, "only the bytes beyond inputSeen are reported");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
