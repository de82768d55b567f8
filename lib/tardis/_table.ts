/** Concatenation and time-ordered merging of tables with the same columns. */
import type { Table } from "../series/types.ts";

function rowCount(table: Table): number {
  for (const key in table) return table[key].length;
  return 0;
}

/** Row-wise concatenation; empty tables are skipped, columns follow the first non-empty. */
export function concatTables(tables: readonly Table[]): Table {
  const parts = tables.filter((t) => rowCount(t) > 0);
  if (parts.length === 0) return tables[0] ?? {};
  if (parts.length === 1) return parts[0];
  const total = parts.reduce((n, t) => n + rowCount(t), 0);
  const out: Table = {};
  for (const key of Object.keys(parts[0])) {
    if (parts[0][key] instanceof Float64Array) {
      const column = new Float64Array(total);
      let offset = 0;
      for (const part of parts) {
        column.set(part[key] as Float64Array, offset);
        offset += part[key].length;
      }
      out[key] = column;
    } else {
      const column = new Array<string>(total);
      let offset = 0;
      for (const part of parts) {
        const values = part[key] as string[];
        for (let i = 0; i < values.length; i++) column[offset + i] = values[i];
        offset += values.length;
      }
      out[key] = column;
    }
  }
  return out;
}

/**
 * Stable k-way merge of tables each sorted by numeric column `key` (ties keep table order).
 * Tables without `key` are concatenated instead.
 */
export function mergeTablesByKey(tables: readonly Table[], key: string): Table {
  const parts = tables.filter((t) => rowCount(t) > 0);
  if (parts.length <= 1 || !parts.every((t) => t[key] instanceof Float64Array)) {
    return concatTables(tables);
  }
  const keys = parts.map((t) => t[key] as Float64Array);
  const total = keys.reduce((n, k) => n + k.length, 0);
  const source = new Uint32Array(total);
  const row = new Uint32Array(total);
  const cursor = new Uint32Array(parts.length);
  for (let out = 0; out < total; out++) {
    let best = -1;
    let bestValue = Infinity;
    for (let p = 0; p < parts.length; p++) {
      if (cursor[p] < keys[p].length) {
        const value = keys[p][cursor[p]];
        if (best < 0 || value < bestValue) {
          best = p;
          bestValue = value;
        }
      }
    }
    source[out] = best;
    row[out] = cursor[best]++;
  }
  const merged: Table = {};
  for (const name of Object.keys(parts[0])) {
    if (parts[0][name] instanceof Float64Array) {
      const columns = parts.map((t) => t[name] as Float64Array);
      const column = new Float64Array(total);
      for (let i = 0; i < total; i++) column[i] = columns[source[i]][row[i]];
      merged[name] = column;
    } else {
      const columns = parts.map((t) => t[name] as string[]);
      const column = new Array<string>(total);
      for (let i = 0; i < total; i++) column[i] = columns[source[i]][row[i]];
      merged[name] = column;
    }
  }
  return merged;
}
