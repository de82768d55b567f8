import type { Table } from "../series/types.ts";
import { stringColumn } from "./_columns_of.ts";

/**
 * Splits a table that mixes symbols (a grouped file such as `PERPETUALS`, `SPOT`, `FUTURES`
 * or `OPTIONS`, or a `fetchDatasets` merge) into one table per symbol, in order of
 * first appearance. Rows keep their order; every column is split alike, so each part can go
 * to `tradeBars`, `bookSnapshotsFromL2` or `alignDerivativeTicker`, which need one symbol.
 * A table without a `symbol` column is an error.
 *
 * @example
 * ```ts
 * import { splitBySymbol } from "@quantbook/sdk/tardis";
 * const grouped = {
 *   symbol: ["BTCUSDT", "ETHUSDT", "BTCUSDT"],
 *   funding_rate: new Float64Array([0.0001, 0.0003, 0.0002]),
 * };
 * const parts = splitBySymbol(grouped);
 * parts.BTCUSDT.funding_rate; // Float64Array [0.0001, 0.0002]
 * parts.ETHUSDT.symbol; // ["ETHUSDT"]
 * ```
 */
export function splitBySymbol(table: Table): Record<string, Table> {
  const symbols = stringColumn(table, "symbol", "splitBySymbol");
  if (symbols === undefined) {
    throw new TypeError(
      `splitBySymbol: the table has no "symbol" column; pass a table parsed by ` +
        `fetchDataset/parseTardisCsv with its symbol column kept.`,
    );
  }
  const groups = new Map<string, number[]>();
  for (let i = 0; i < symbols.length; i++) {
    const rows = groups.get(symbols[i]);
    if (rows === undefined) groups.set(symbols[i], [i]);
    else rows.push(i);
  }
  const parts: Record<string, Table> = {};
  for (const [symbol, rows] of groups) {
    const part: Table = {};
    for (const [name, column] of Object.entries(table)) {
      if (column.length !== symbols.length) {
        throw new RangeError(
          `splitBySymbol: column "${name}" has ${column.length} rows but "symbol" has ` +
            `${symbols.length}; all columns must have the same length.`,
        );
      }
      if (column instanceof Float64Array) {
        const values = new Float64Array(rows.length);
        for (let k = 0; k < rows.length; k++) values[k] = column[rows[k]];
        part[name] = values;
      } else {
        part[name] = rows.map((row) => column[row]);
      }
    }
    parts[symbol] = part;
  }
  return parts;
}
