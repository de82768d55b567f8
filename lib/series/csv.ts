import { parseDateToMicros } from "./dates.ts";
import type { Bars, Table } from "./types.ts";

/**
 * Options for {@linkcode readCsv}.
 *
 * @example
 * ```ts
 * import type { ReadCsvOptions } from "@quantbook/sdk/series";
 * const opts: ReadCsvOptions = { delimiter: ";", lowercase: true };
 * ```
 */
export interface ReadCsvOptions {
  /** Field separator (default ","). Quoted fields are not supported: this reads numeric CSV. */
  delimiter?: string;
  /** Lower-case the column names (default false). */
  lowercase?: boolean;
}

const _DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Parses numeric CSV text into a columnar table. Numeric columns become `Float64Array`
 * (empty cell = NaN), columns of ISO dates become epoch microseconds UTC, others `string[]`.
 * An unnamed first column (a pandas index) is named `timestamp` when it holds dates, else
 * `index`.
 *
 * @example
 * ```ts
 * import { readCsv } from "@quantbook/sdk/series";
 * const t = readCsv(",Open,Close\n2024-01-02,10,11\n2024-01-03,11,12\n");
 * t.timestamp; // Float64Array [1704153600000000, 1704240000000000]
 * t.Close; // Float64Array [11, 12]
 * ```
 */
export function readCsv(text: string, opts: ReadCsvOptions = {}): Table {
  const delimiter = opts.delimiter ?? ",";
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) throw new RangeError("CSV text is empty: expected a header line");
  const names = lines[0].split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, "$1"));
  const rows = lines.slice(1).map((line, r) => {
    const cells = line.split(delimiter);
    if (cells.length !== names.length) {
      throw new RangeError(
        `CSV line ${r + 2} has ${cells.length} fields but the header has ${names.length}`,
      );
    }
    return cells;
  });
  const table: Table = {};
  names.forEach((rawName, c) => {
    const cells = rows.map((row) => row[c].trim());
    const column = _typedColumn(cells);
    let name = rawName;
    if (name === "") {
      name = c === 0 && cells.some((v) => _DATE_LIKE.test(v)) ? "timestamp" : `index${c || ""}`;
    }
    if (opts.lowercase) name = name.toLowerCase();
    if (name in table) throw new RangeError(`CSV header repeats the column "${name}"`);
    table[name] = column;
  });
  return table;
}

function _typedColumn(cells: string[]): Float64Array | string[] {
  const out = new Float64Array(cells.length);
  let numeric = true;
  for (let i = 0; i < cells.length && numeric; i++) {
    const v = cells[i];
    out[i] = v === "" ? NaN : Number(v);
    if (v !== "" && Number.isNaN(out[i])) numeric = false;
  }
  if (numeric) return out;
  if (cells.every((v) => v === "" || _DATE_LIKE.test(v))) {
    return Float64Array.from(cells, (v) => (v === "" ? NaN : parseDateToMicros(v)));
  }
  return cells;
}

/**
 * Reads a numeric CSV file into a table (see {@linkcode readCsv}).
 *
 * @example
 * ```ts
 * import { readCsvFile } from "@quantbook/sdk/series";
 * const goog = await readCsvFile("GOOG.csv", { lowercase: true });
 * ```
 */
export async function readCsvFile(path: string | URL, opts: ReadCsvOptions = {}): Promise<Table> {
  return readCsv(await Deno.readTextFile(path), opts);
}

/**
 * Picks OHLCV columns from a table (names matched case-insensitively; the time column may be
 * `timestamp`, `date`, `time` or `datetime`) into `Bars`, checking they are numeric, of equal
 * length and sorted in time. A missing volume column becomes NaN.
 *
 * @example
 * ```ts
 * import { readCsv, toBars } from "@quantbook/sdk/series";
 * const bars = toBars(readCsv(",Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,100\n"));
 * bars.close; // Float64Array [1.5]
 * ```
 */
export function toBars(table: Table): Bars {
  const lower = new Map(Object.keys(table).map((k) => [k.toLowerCase(), k]));
  const pick = (names: string[], required: boolean): Float64Array | undefined => {
    const key = names.map((n) => lower.get(n)).find((k) => k !== undefined);
    if (key === undefined) {
      if (!required) return undefined;
      throw new RangeError(
        `table has no "${names[0]}" column (columns: ${Object.keys(table).join(", ")})`,
      );
    }
    const col = table[key];
    if (!(col instanceof Float64Array)) {
      throw new TypeError(`column "${key}" must be numeric to build bars`);
    }
    return col;
  };
  const timestamp = pick(["timestamp", "date", "datetime", "time"], true)!;
  for (let i = 1; i < timestamp.length; i++) {
    if (!(timestamp[i] > timestamp[i - 1])) {
      throw new RangeError(`bar timestamps must increase: index ${i} is not after ${i - 1}`);
    }
  }
  const bars: Bars = {
    timestamp,
    open: pick(["open"], true)!,
    high: pick(["high"], true)!,
    low: pick(["low"], true)!,
    close: pick(["close"], true)!,
    volume: pick(["volume"], false) ?? new Float64Array(timestamp.length).fill(NaN),
  };
  for (const [k, v] of Object.entries(bars)) {
    if (v.length !== timestamp.length) {
      throw new RangeError(`column ${k} has length ${v.length}, timestamp has ${timestamp.length}`);
    }
  }
  return bars;
}
