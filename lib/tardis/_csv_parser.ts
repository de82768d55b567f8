/**
 * Byte-level streaming parser for Tardis.dev CSV: numbers are parsed straight from bytes into
 * growable Float64Arrays, repeated strings are interned, and no object is made per row.
 */
import type { Table } from "../series/types.ts";
import { ChunkStrings, GrowableFloat64, InternedStrings } from "./_columns.ts";
import { ColumnKind, columnKind, TARDIS_HEADERS } from "./_schema.ts";
import type { TardisDataType } from "./types.ts";

const COMMA = 44;
const LF = 10;
const CR = 13;
const MAX_EXACT = 9007199254740992;
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const INITIAL_ROWS = 4096;

const utf8 = new TextDecoder();

/** Options of the streaming parser. */
export interface CsvParserOptions {
  /** Expected data type: the header must match its official header. */
  dataType?: TardisDataType;
  /** Keep only these columns (default: all). Unknown names are an error. */
  columns?: readonly string[];
  /** Name used in error messages (a file name or URL without key). */
  source?: string;
  /** Estimate of the total decompressed bytes, asked when columns grow (a sizing hint). */
  estimateTotalBytes?: () => number | undefined;
}

/** Incremental parser: `push` decompressed chunks, then `finish` for the columns. */
export class TardisCsvParser {
  readonly #options: CsvParserOptions;
  #header: string[] | undefined;
  #kinds: Uint8Array = new Uint8Array(0);
  #slots: Int32Array = new Int32Array(0);
  #floatColumns: GrowableFloat64[] = [];
  #floats: Float64Array[] = [];
  #texts: ChunkStrings[] = [];
  #interned: InternedStrings[] = [];
  #capacity = 0;
  #rows = 0;
  #pending: Uint8Array = new Uint8Array(0);
  #bytesParsed = 0;
  #slowEnd = 0;

  constructor(options: CsvParserOptions = {}) {
    this.#options = options;
  }

  /** Number of data rows parsed so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Parses every complete line of `chunk` (plus the carried-over partial line). */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    let start = 0;
    if (this.#pending.length > 0 || this.#header === undefined) {
      const firstLf = chunk.indexOf(LF);
      if (firstLf < 0) {
        this.#pending = concatBytes(this.#pending, chunk);
        return;
      }
      const line = concatBytes(this.#pending, chunk.subarray(0, firstLf + 1));
      this.#pending = new Uint8Array(0);
      this.#consume(line, 0, line.length);
      start = firstLf + 1;
    }
    const lastLf = chunk.lastIndexOf(LF);
    if (lastLf >= start) this.#consume(chunk, start, lastLf + 1);
    if (lastLf + 1 < chunk.length) {
      this.#pending = chunk.slice(Math.max(start, lastLf + 1));
    }
  }

  /** Parses the final line (a file may end without LF) and returns the columns. */
  finish(): Table {
    if (this.#pending.length > 0) {
      const line = concatBytes(this.#pending, new Uint8Array([LF]));
      this.#pending = new Uint8Array(0);
      this.#consume(line, 0, line.length);
    }
    if (this.#header === undefined) return this.#emptyTable();
    const table: Table = {};
    const header = this.#header;
    for (let j = 0; j < header.length; j++) {
      const kind = this.#kinds[j];
      const slot = this.#slots[j];
      if (kind === ColumnKind.Skip) continue;
      if (kind === ColumnKind.Number || kind === ColumnKind.Boolean) {
        table[header[j]] = this.#floatColumns[slot].finish(this.#rows);
      } else if (kind === ColumnKind.Interned) {
        table[header[j]] = this.#interned[slot].finish();
      } else {
        table[header[j]] = this.#texts[slot].finish();
      }
    }
    return table;
  }

  #emptyTable(): Table {
    const dataType = this.#options.dataType;
    if (dataType === undefined) return {};
    this.#setHeader([...TARDIS_HEADERS[dataType]]);
    return this.finish();
  }

  #consume(bytes: Uint8Array, start: number, end: number): void {
    if (this.#header === undefined) {
      const lf = bytes.indexOf(LF, start);
      let lineEnd = lf;
      if (lineEnd > start && bytes[lineEnd - 1] === CR) lineEnd--;
      this.#setHeader(utf8.decode(bytes.subarray(start, lineEnd)).split(","));
      start = lf + 1;
      if (start >= end) return;
    }
    if (this.#rows === 0) {
      // The first row alone: the row loop then runs to its end once before it gets hot, so
      // the optimizing compiler has seen the statements after it (else the optimized code,
      // compiled mid-loop, would bail out at the end of every chunk).
      const lf = bytes.indexOf(LF, start);
      if (lf + 1 < end) {
        this.#parseRows(bytes, start, lf + 1);
        start = lf + 1;
      }
    }
    this.#parseRows(bytes, start, end);
  }

  #setHeader(header: string[]): void {
    const { dataType, columns, source } = this.#options;
    if (dataType !== undefined) {
      const expected = TARDIS_HEADERS[dataType];
      const same = expected.length === header.length && expected.every((h, i) => h === header[i]);
      if (!same) {
        throw new Error(
          `${source ?? "CSV"}: header does not match data type "${dataType}": got ` +
            `"${abbreviate(header.join(","))}", expected "${abbreviate(expected.join(","))}". ` +
            `Check the dataType option or the file.`,
        );
      }
    }
    if (columns !== undefined) {
      const missing = columns.filter((c) => !header.includes(c));
      if (missing.length > 0) {
        throw new RangeError(
          `${source ?? "CSV"}: columns ${JSON.stringify(missing)} are not in the header ` +
            `"${abbreviate(header.join(","))}"; pick columns from the header.`,
        );
      }
    }
    const keep = columns === undefined ? undefined : new Set(columns);
    this.#header = header;
    this.#kinds = new Uint8Array(header.length);
    this.#slots = new Int32Array(header.length);
    this.#capacity = INITIAL_ROWS;
    for (let j = 0; j < header.length; j++) {
      const kind = keep !== undefined && !keep.has(header[j])
        ? ColumnKind.Skip
        : columnKind(header[j]);
      this.#kinds[j] = kind;
      if (kind === ColumnKind.Number || kind === ColumnKind.Boolean) {
        this.#addFloatColumn(j);
      } else if (kind === ColumnKind.Interned) {
        this.#slots[j] = this.#interned.length;
        this.#interned.push(new InternedStrings(INITIAL_ROWS));
      } else if (kind === ColumnKind.Unique) {
        this.#slots[j] = this.#texts.length;
        this.#texts.push(new ChunkStrings(INITIAL_ROWS));
      }
    }
  }

  #addFloatColumn(j: number): void {
    const slot = this.#floatColumns.length;
    this.#slots[j] = slot;
    const column = new GrowableFloat64(INITIAL_ROWS);
    this.#floatColumns.push(column);
    this.#floats.push(column.array);
  }

  #grow(bytesParsed: number): void {
    const rows = this.#rows;
    let capacity = this.#capacity * 2;
    const expected = this.#options.estimateTotalBytes?.();
    if (expected !== undefined && expected > bytesParsed && rows > 0) {
      const estimate = Math.min(
        Math.ceil((expected / bytesParsed) * rows * 1.02) + 1024,
        this.#capacity * 1024,
      );
      capacity = Math.max(Math.ceil(this.#capacity * 1.25), estimate);
    }
    this.#capacity = capacity;
    for (let k = 0; k < this.#floatColumns.length; k++) {
      this.#floatColumns[k].grow(capacity);
      this.#floats[k] = this.#floatColumns[k].array;
    }
    for (const text of this.#texts) text.grow(capacity);
    for (const column of this.#interned) column.grow(capacity);
  }

  #parseRows(b: Uint8Array, start: number, end: number): void {
    const kinds = this.#kinds;
    const slots = this.#slots;
    const texts = this.#texts;
    const interned = this.#interned;
    const ncols = kinds.length;
    const last = ncols - 1;
    let floats = this.#floats;
    let capacity = this.#capacity;
    let row = this.#rows;
    let i = start;
    // A row takes at least one byte per column (its separators), which bounds the cells.
    const maxRows = Math.floor((end - start) / ncols) + 1;
    for (const text of texts) text.reserve(maxRows, end - start);
    for (const column of interned) column.reserve(maxRows);

    while (i < end) {
      if (row === capacity) {
        this.#rows = row;
        this.#grow(this.#bytesParsed + i - start);
        floats = this.#floats;
        capacity = this.#capacity;
      }
      for (let j = 0; j < ncols; j++) {
        const kind = kinds[j];
        const cellStart = i;
        let c: number;
        if (kind === ColumnKind.Number) {
          let negative = false;
          if (b[i] === 45) {
            negative = true;
            i++;
          }
          // Digits are read two at a time into a 32-bit `low`, moved into the double `high`
          // every 8 digits (exact below 2^53); one loop reads the integer part, then the
          // fraction after the dot.
          let high = 0;
          let low = 0;
          let pending = 0;
          let digits = 0;
          let dot = -1;
          let d = (b[i] - 48) | 0;
          for (;;) {
            while (d >>> 0 < 10) {
              const e = (b[i + 1] - 48) | 0;
              if (e >>> 0 >= 10) {
                low = (low * 10 + d) | 0;
                pending++;
                digits++;
                i++;
                d = e;
                break;
              }
              low = (low * 100 + d * 10 + e) | 0;
              pending += 2;
              digits += 2;
              i += 2;
              if (pending >= 8) {
                high = high * POW10[pending] + low;
                low = 0;
                pending = 0;
              }
              d = (b[i] - 48) | 0;
            }
            if (d !== -2 || dot >= 0) break;
            dot = digits;
            d = (b[++i] - 48) | 0;
          }
          const mantissa = high * POW10[pending] + low;
          const fraction = dot < 0 ? 0 : digits - dot;
          c = d + 48;
          let value: number;
          if (
            (c === COMMA || c === LF || c === CR) && digits > 0 &&
            mantissa < MAX_EXACT && fraction < 23
          ) {
            value = fraction === 0 ? mantissa : mantissa / POW10[fraction];
            if (negative) value = -value;
          } else if ((c === COMMA || c === LF || c === CR) && i === cellStart) {
            value = NaN;
          } else {
            value = this.#slowNumber(b, cellStart, row, j);
            i = this.#slowEnd;
            c = b[i];
          }
          floats[slots[j]][row] = value;
        } else if (kind === ColumnKind.Interned) {
          const column = interned[slots[j]];
          const ref = column.lastBytes;
          const length = ref.length;
          let k = 0;
          while (k < length && ref[k] === b[i + k]) k++;
          c = b[i + length];
          if (k === length && length > 0 && (c === COMMA || c === LF || c === CR)) {
            i += length;
            column.codes[column.count++] = column.lastCode;
          } else {
            column.codes[column.count++] = this.#internSlow(column, b, i);
            i = this.#slowEnd;
            c = b[i];
          }
        } else if (kind === ColumnKind.Unique) {
          const text = texts[slots[j]];
          const copy = text.bytes;
          let used = text.used;
          c = b[i];
          while (c !== COMMA && c !== LF) {
            copy[used++] = c;
            c = b[++i];
          }
          if (i > cellStart && b[i - 1] === CR && c === LF) used--;
          text.used = used;
          text.ends[text.count++] = used;
        } else if (kind === ColumnKind.Boolean) {
          c = b[i];
          let value = NaN;
          if (c === 116) value = 1;
          else if (c === 102) value = 0;
          else if (c !== COMMA && c !== LF && c !== CR) {
            this.#fail(row, j, b, cellStart, "true/false");
          }
          while (c !== COMMA && c !== LF) c = b[++i];
          floats[slots[j]][row] = value;
        } else {
          c = b[i];
          while (c !== COMMA && c !== LF) c = b[++i];
        }
        if (c === CR && b[i + 1] === LF) c = b[++i];
        if (j === last) {
          if (c !== LF) {
            this.#fail(row, j, b, cellStart, "the end of the line after the last column");
          }
        } else if (c !== COMMA) {
          this.#fail(row, j, b, cellStart, `${ncols} comma-separated cells`);
        }
        i++;
      }
      row++;
    }
    this.#rows = row;
    this.#bytesParsed += end - start;
    for (const text of texts) text.flush();
    for (const column of interned) column.flush();
  }

  #internSlow(column: InternedStrings, b: Uint8Array, start: number): number {
    // Try the value before the last one first: alternating columns (side) hit it.
    const previous = column.previousBytes;
    const length = previous.length;
    if (length > 0) {
      let k = 0;
      while (k < length && previous[k] === b[start + k]) k++;
      const after = b[start + length];
      if (k === length && (after === COMMA || after === LF || after === CR)) {
        this.#slowEnd = start + length;
        const code = column.previousCode;
        column.remember(code);
        return code;
      }
    }
    let i = start;
    let hash = 0x811c9dc5;
    let c = b[i];
    while (c !== COMMA && c !== LF) {
      hash = Math.imul(hash ^ c, 0x01000193);
      c = b[++i];
    }
    let end = i;
    if (end > start && b[end - 1] === CR && c === LF) end--;
    this.#slowEnd = end;
    return column.intern(b, start, end, hash);
  }

  #slowNumber(b: Uint8Array, start: number, row: number, column: number): number {
    let i = start;
    while (i < b.length && b[i] !== COMMA && b[i] !== LF) i++;
    let end = i;
    if (end > start && b[end - 1] === CR) end--;
    this.#slowEnd = end;
    const text = utf8.decode(b.subarray(start, end));
    const value = Number(text);
    if (text.length === 0 || (Number.isNaN(value) && text !== "NaN")) {
      this.#fail(row, column, b, start, "a number");
    }
    return value;
  }

  #fail(row: number, column: number, b: Uint8Array, cellStart: number, expected: string): never {
    let lineStart = cellStart;
    while (lineStart > 0 && b[lineStart - 1] !== LF) lineStart--;
    let lineEnd = cellStart;
    while (lineEnd < b.length && b[lineEnd] !== LF) lineEnd++;
    const line = utf8.decode(b.subarray(lineStart, lineEnd));
    const name = this.#header?.[column] ?? `#${column}`;
    throw new Error(
      `${this.#options.source ?? "CSV"}: data row ${row + 1} (line ${row + 2}), column ` +
        `"${name}": expected ${expected} in "${abbreviate(line)}". The file is malformed or ` +
        `is not this data type.`,
    );
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function abbreviate(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
