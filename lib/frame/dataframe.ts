import { DataFrame } from "danfojs";
import type { Table } from "../series/types.ts";

/**
 * Options for {@link toDataFrame}.
 *
 * @example
 * ```ts
 * import type { ToDataFrameOptions } from "@quantbook/sdk/frame";
 * const opts: ToDataFrameOptions = { index: "timestamp" };
 * ```
 */
export interface ToDataFrameOptions {
  /** Column to use as the DataFrame index (removed from the columns); default none (0..n-1). */
  index?: string;
}

/**
 * A columnar `Table` (or `Bars`) as a danfojs `DataFrame`: numeric columns become JS number
 * arrays (NaN kept), text columns are copied; the table is not mutated.
 *
 * danfojs labels numeric columns `float32`/`int32`, but keeps the JS numbers (float64); its
 * tensor-backed math (`add`, `mean`, ...) runs in float32, which cannot hold epoch-µs
 * timestamps exactly: keep time as the index or compute in the SDK and convert at the end.
 *
 * @example
 * ```ts
 * import { toDataFrame } from "@quantbook/sdk/frame";
 * const df = toDataFrame({
 *   timestamp: new Float64Array([0, 60e6]),
 *   close: new Float64Array([100, 101]),
 *   symbol: ["BTC", "BTC"],
 * }, { index: "timestamp" });
 * df.columns; // ["close", "symbol"]
 * ```
 */
export function toDataFrame(table: Table, options: ToDataFrameOptions = {}): DataFrame {
  if (table === null || typeof table !== "object") {
    throw new TypeError(`toDataFrame: table must be an object of columns, got ${table}.`);
  }
  const names = Object.keys(table);
  const length = names.length ? table[names[0]].length : 0;
  const columns: Record<string, (number | string)[]> = {};
  for (const name of names) {
    const column = table[name];
    if (!(column instanceof Float64Array) && !Array.isArray(column)) {
      throw new TypeError(
        `toDataFrame: column "${name}" must be a Float64Array or a string[], got ` +
          `${(column as object)?.constructor?.name ?? typeof column}.`,
      );
    }
    if (column.length !== length) {
      throw new RangeError(
        `toDataFrame: column "${name}" has length ${column.length} but "${names[0]}" has ` +
          `${length}; a table needs equal-length columns.`,
      );
    }
    columns[name] = Array.from(column as ArrayLike<number | string>);
  }
  let index: (number | string)[] | undefined;
  if (options.index !== undefined) {
    if (!(options.index in columns)) {
      throw new RangeError(
        `toDataFrame: options.index "${options.index}" is not a column; columns are: ` +
          `${names.join(", ")}.`,
      );
    }
    index = columns[options.index];
    delete columns[options.index];
  }
  const remaining = Object.keys(columns);
  if (remaining.length === 0 && length > 0) {
    throw new RangeError(
      `toDataFrame: the table has no column besides the index "${options.index}"; ` +
        "a DataFrame needs at least one column.",
    );
  }
  if (length === 0) return new DataFrame([], { columns: remaining });
  return new DataFrame(columns, index ? { index } : {});
}

/**
 * Options for {@link fromDataFrame}.
 *
 * @example
 * ```ts
 * import type { FromDataFrameOptions } from "@quantbook/sdk/frame";
 * const opts: FromDataFrameOptions = { indexAs: "timestamp" };
 * ```
 */
export interface FromDataFrameOptions {
  /** Also return the DataFrame index as a column with this name (default: dropped). */
  indexAs?: string;
}

/**
 * A danfojs `DataFrame` as a columnar `Table`: numeric and boolean columns become
 * `Float64Array` (`null`/`undefined` -> NaN, booleans -> 1/0), text columns `string[]`
 * (`null` -> `""`).
 *
 * @example
 * ```ts
 * import { DataFrame } from "danfojs";
 * import { fromDataFrame } from "@quantbook/sdk/frame";
 * const table = fromDataFrame(new DataFrame({ close: [1, 2], side: ["buy", "sell"] }));
 * table.close; // Float64Array [1, 2]
 * ```
 */
export function fromDataFrame(df: DataFrame, options: FromDataFrameOptions = {}): Table {
  // Duck-typed: danfojs methods return its base DataFrame class, not the exported subclass.
  const frame = df as Partial<DataFrame> | null;
  if (
    !frame || !Array.isArray(frame.columns) || typeof frame.column !== "function" ||
    !Array.isArray(frame.dtypes) || !Array.isArray(frame.index)
  ) {
    throw new TypeError(
      "fromDataFrame: df must be a danfojs DataFrame (columns, dtypes, index, column()), got " +
        `${(df as object)?.constructor?.name ?? typeof df}.`,
    );
  }
  const table: Table = {};
  if (options.indexAs !== undefined) {
    if (df.columns.includes(options.indexAs)) {
      throw new RangeError(
        `fromDataFrame: options.indexAs "${options.indexAs}" is already a column; pick another name.`,
      );
    }
    table[options.indexAs] = toColumn(df.index as unknown[]);
  }
  df.columns.forEach((name, j) => {
    const values = df.column(name).values as unknown[];
    table[name] = df.dtypes[j] === "string" ? values.map(toText) : toColumn(values);
  });
  return table;
}

function toColumn(values: unknown[]): Float64Array | string[] {
  if (values.some((v) => typeof v === "string")) return values.map(toText);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : NaN;
  }
  return out;
}

function toText(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}
