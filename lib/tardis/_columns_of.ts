/** Typed access to table columns with errors that name the column and the fix. */
import type { Table } from "../series/types.ts";

/** The Float64Array column `name`, or a TypeError saying which table lacks it. */
export function numberColumn(table: Table, name: string, what: string): Float64Array {
  const column = table[name];
  if (!(column instanceof Float64Array)) {
    throw new TypeError(
      `${what}: column "${name}" must be a Float64Array (got ${
        column === undefined ? "no such column" : "strings"
      }); pass a table parsed by fetchDataset/parseTardisCsv with that column.`,
    );
  }
  return column;
}

/** The string[] column `name`, or undefined when absent. */
export function stringColumn(table: Table, name: string, what: string): string[] | undefined {
  const column = table[name];
  if (column === undefined) return undefined;
  if (!Array.isArray(column)) {
    throw new TypeError(`${what}: column "${name}" must hold strings.`);
  }
  return column;
}

/** Throws when a table mixes several symbols (grouped files like PERPETUALS). */
export function assertSingleSymbol(table: Table, what: string): void {
  const symbols = stringColumn(table, "symbol", what);
  if (symbols === undefined || symbols.length === 0) return;
  const first = symbols[0];
  for (let i = 1; i < symbols.length; i++) {
    if (symbols[i] !== first) {
      throw new RangeError(
        `${what}: the table mixes symbols ("${first}" and "${symbols[i]}" at row ${i}); ` +
          `filter it to one symbol first.`,
      );
    }
  }
}

const UNITS: Record<string, number> = { us: 1, ms: 1e3, s: 1e6, m: 60e6, h: 3600e6, d: 86400e6 };

/** An interval in µs from a number (µs) or a string like `"500ms"`, `"1m"`, `"4h"`, `"1d"`. */
export function intervalMicros(interval: string | number, name = "interval"): number {
  let us: number;
  if (typeof interval === "number") {
    us = interval;
  } else {
    const match = /^(\d+(?:\.\d+)?)(us|ms|s|m|h|d)$/.exec(String(interval).trim());
    us = match ? Number(match[1]) * UNITS[match[2]] : NaN;
  }
  if (!Number.isFinite(us) || us < 1 || !Number.isInteger(us)) {
    throw new RangeError(
      `${name}: ${JSON.stringify(interval)} is not a whole positive interval; use microseconds ` +
        `or a string like "100ms", "1s", "5m", "1h", "1d".`,
    );
  }
  return us;
}
