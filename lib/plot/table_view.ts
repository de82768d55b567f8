import { escapeHtml } from "./_html.ts";
import { formatMicros, formatNumber, humanizeKey, isTimeColumn } from "./_format.ts";
import { jupyterDisplaySymbol, type MimeBundle } from "./types.ts";

/**
 * Options for {@link tableView}.
 *
 * @example
 * ```ts
 * import type { TableViewOptions } from "@quantbook/sdk/plot";
 * const opts: TableViewOptions = { title: "Bars", maxRows: 10, digits: 2 };
 * ```
 */
export interface TableViewOptions {
  /** Caption above the table (default none). */
  title?: string;
  /**
   * Rows shown: the first `ceil(maxRows / 2)` and the last `floor(maxRows / 2)` with an
   * ellipsis row between them, like pandas (default 20).
   */
  maxRows?: number;
  /** Decimals for non-integer numbers (default 4). */
  digits?: number;
  /**
   * Columns holding epoch-microsecond times, shown as UTC dates (default: columns named
   * `timestamp`, `*_timestamp`, `time`, `*Time`, `*At`, `*_time`, `date`).
   */
  timeColumns?: readonly string[];
}

/**
 * A rendered table: shows itself as an HTML table in Jupyter and as aligned text in a
 * terminal (`toText()`); `toHtml()` gives the `<table>` for reports.
 *
 * @example
 * ```ts
 * import { tableView } from "@quantbook/sdk/plot";
 * const view = tableView({ x: new Float64Array([1.5, 2]) });
 * view.columns; // ["x"]
 * ```
 */
export class TableView {
  /** Column headers. */
  readonly columns: string[];
  /** Formatted cells, row by row (an ellipsis row marks skipped rows). */
  readonly rows: string[][];
  /** Whether each column is numeric (right-aligned). */
  readonly numeric: boolean[];
  /** Caption, if any. */
  readonly title: string | undefined;
  /** Number of rows in the source, including the ones not shown. */
  readonly totalRows: number;

  /** Builds a view from already formatted cells; use `tableView` or `statsView` instead. */
  constructor(
    columns: string[],
    rows: string[][],
    numeric: boolean[],
    title: string | undefined,
    totalRows: number,
  ) {
    this.columns = columns;
    this.rows = rows;
    this.numeric = numeric;
    this.title = title;
    this.totalRows = totalRows;
  }

  /** The table as a standalone `<table>` element (with a caption when titled). */
  toHtml(): string {
    const head = this.columns
      .map((c, j) =>
        `<th style="text-align:${this.numeric[j] ? "right" : "left"}">${escapeHtml(c)}</th>`
      )
      .join("");
    const body = this.rows.map((row) =>
      `<tr>${
        row.map((cell, j) =>
          `<td style="text-align:${this.numeric[j] ? "right" : "left"}">${escapeHtml(cell)}</td>`
        ).join("")
      }</tr>`
    ).join("\n");
    const caption = this.title ? `<caption>${escapeHtml(this.title)}</caption>` : "";
    const shown = this.rows.length - (this.rows.length < this.totalRows ? 1 : 0);
    const footer = shown < this.totalRows
      ? `<tfoot><tr><td colspan="${this.columns.length}">${this.totalRows} rows × ${this.columns.length} columns</td></tr></tfoot>`
      : "";
    return `<table class="quantbook-table">${caption}<thead><tr>${head}</tr></thead>` +
      `<tbody>\n${body}\n</tbody>${footer}</table>`;
  }

  /** The table as aligned plain text, for terminals and logs. */
  toText(): string {
    const widths = this.columns.map((c, j) =>
      Math.max(c.length, ...this.rows.map((r) => r[j].length))
    );
    const line = (cells: string[]) =>
      cells.map((cell, j) => this.numeric[j] ? cell.padStart(widths[j]) : cell.padEnd(widths[j]))
        .join("  ").trimEnd();
    const out = [line(this.columns), widths.map((w) => "-".repeat(w)).join("  ")];
    for (const row of this.rows) out.push(line(row));
    if (this.title) out.unshift(this.title);
    return out.join("\n");
  }

  /** Jupyter display: an HTML table plus the text form. */
  [jupyterDisplaySymbol](): MimeBundle {
    return { "text/html": this.toHtml(), "text/plain": this.toText() };
  }
}

/**
 * A view of a columnar table (`Table`, `Bars`, a trade ledger, sweep results) for notebooks,
 * terminals and reports. Time columns show as UTC dates, NaN as `NaN`; long tables show head and tail.
 *
 * @example
 * ```ts
 * import { tableView } from "@quantbook/sdk/plot";
 * const view = tableView({
 *   timestamp: new Float64Array([1_700_000_000e6]),
 *   close: new Float64Array([101.25]),
 *   symbol: ["BTCUSDT"],
 * }, { digits: 2 });
 * view.rows[0]; // ["2023-11-14 22:13:20", "101.25", "BTCUSDT"]
 * ```
 */
export function tableView<T extends { [K in keyof T]: ArrayLike<number> | readonly string[] }>(
  columnsByName: T,
  options: TableViewOptions = {},
): TableView {
  const table = columnsByName as Record<string, ArrayLike<number> | readonly string[]>;
  if (table === null || typeof table !== "object") {
    throw new TypeError(`tableView: table must be an object of columns, got ${table}.`);
  }
  const columns = Object.keys(table);
  const length = columns.length ? table[columns[0]].length : 0;
  for (const c of columns) {
    if (table[c]?.length !== length) {
      throw new RangeError(
        `tableView: column "${c}" has length ${table[c]?.length} but "${columns[0]}" has ` +
          `${length}; a table needs equal-length columns.`,
      );
    }
  }
  const maxRows = options.maxRows ?? 20;
  if (!Number.isInteger(maxRows) || maxRows < 1) {
    throw new RangeError(`tableView: options.maxRows must be an integer >= 1, got ${maxRows}.`);
  }
  const digits = options.digits ?? 4;
  const timeColumns = new Set(options.timeColumns ?? columns.filter(isTimeColumn));
  const numeric = columns.map((c) => typeof table[c][0] !== "string" && !timeColumns.has(c));
  // A column with any fractional value shows every value with `digits` decimals.
  const integerColumn = new Set(columns.filter((c) => {
    const column = table[c];
    for (let i = 0; i < column.length; i++) {
      const v = column[i];
      if (typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v)) return false;
    }
    return true;
  }));
  const cell = (c: string, i: number): string => {
    const v = table[c][i];
    if (typeof v === "string") return v;
    if (timeColumns.has(c)) return formatMicros(v);
    return formatNumber(v, digits, integerColumn.has(c));
  };
  const indices: number[] = [];
  const head = length > maxRows ? Math.ceil(maxRows / 2) : length;
  for (let i = 0; i < head; i++) indices.push(i);
  const rows = indices.map((i) => columns.map((c) => cell(c, i)));
  if (length > maxRows) {
    rows.push(columns.map(() => "…"));
    for (let i = length - Math.floor(maxRows / 2); i < length; i++) {
      rows.push(columns.map((c) => cell(c, i)));
    }
  }
  return new TableView(columns, rows, numeric, options.title, length);
}

/**
 * Options for {@link statsView}.
 *
 * @example
 * ```ts
 * import type { StatsViewOptions } from "@quantbook/sdk/plot";
 * const opts: StatsViewOptions = { title: "Backtest", digits: 2 };
 * ```
 */
export interface StatsViewOptions {
  /** Caption above the table (default none). */
  title?: string;
  /** Decimals for non-integer numbers (default 2). */
  digits?: number;
  /** Show keys as written (`totalReturnPct`) instead of readable labels (default `false`). */
  rawKeys?: boolean;
}

/**
 * A metrics table: one stats object (`backtest(...).stats`) as metric/value rows, or several
 * by name (`{ strategy: stats, "buy & hold": other }`) as one column each (a metric missing
 * from one of them leaves its cell empty).
 *
 * @example
 * ```ts
 * import { statsView } from "@quantbook/sdk/plot";
 * const view = statsView({ totalReturnPct: 12.345, sharpe: 1.1, numTrades: 7 });
 * view.rows[0]; // ["total return %", "12.35"]
 * ```
 */
export function statsView<T extends { [K in keyof T]: number | object }>(
  stats: T,
  options: StatsViewOptions = {},
): TableView {
  if (stats === null || typeof stats !== "object") {
    throw new TypeError(`statsView: stats must be an object of numbers, got ${stats}.`);
  }
  const digits = options.digits ?? 2;
  const label = (k: string) => (options.rawKeys ? k : humanizeKey(k));
  const entries = Object.entries(stats as Record<string, unknown>);
  const nested = entries.length > 0 &&
    entries.every(([, v]) => v !== null && typeof v === "object");
  if (!nested) {
    const rows = entries.map(([k, v]) => [label(k), cellOf(v, digits)]);
    return new TableView(["metric", "value"], rows, [false, true], options.title, rows.length);
  }
  const names = entries.map(([name]) => name);
  const keys: string[] = [];
  for (const [, s] of entries) {
    for (const k of Object.keys(s as Record<string, number>)) if (!keys.includes(k)) keys.push(k);
  }
  const rows = keys.map((k) => [
    label(k),
    ...entries.map(([, s]) => cellOf((s as Record<string, unknown>)[k], digits)),
  ]);
  return new TableView(
    ["metric", ...names],
    rows,
    [false, ...names.map(() => true)],
    options.title,
    rows.length,
  );
}

function cellOf(v: unknown, digits: number): string {
  if (typeof v === "number") return formatNumber(v, digits);
  if (v === undefined || v === null) return "";
  return String(v);
}
