/**
 * Growable storage for the streaming parser: Float64Array columns, and string columns made
 * chunk by chunk (distinct values such as ids; repeated values interned, decoded once).
 */

const utf8 = new TextDecoder();

/** Largest byte span decoded at once when turning cells into strings. */
const SPAN_BYTES = 16 << 10;

/** Largest share of unused capacity handed out as a view instead of trimmed by a copy. */
const SLACK = 0.05;

/**
 * A Float64Array grown by reallocation; `finish` returns the first `length` values as a
 * view when the spare capacity is small (no copy), else as an exact copy.
 */
export class GrowableFloat64 {
  /** Current storage; valid indexes are below `array.length`. Re-read after `grow`. */
  array: Float64Array;

  constructor(capacity: number) {
    this.array = new Float64Array(capacity);
  }

  /** Grows to `capacity` elements (> current), keeping the values. */
  grow(capacity: number): void {
    const next = new Float64Array(capacity);
    next.set(this.array);
    this.array = next;
  }

  /** The first `length` values; the column is spent afterwards. */
  finish(length: number): Float64Array {
    const array = this.array;
    this.array = new Float64Array(0);
    if (array.length - length <= array.length * SLACK) return array.subarray(0, length);
    return array.slice(0, length);
  }
}

/**
 * A string column whose values are made chunk by chunk (see `flush` of the subclasses) into
 * an array grown alongside the parser's number columns.
 */
abstract class ChunkColumn {
  /** The values made so far; `length` of them are valid. */
  protected values: string[];
  /** Number of values made so far. */
  protected length = 0;

  constructor(capacity: number) {
    this.values = new Array<string>(capacity);
  }

  /** Grows the storage to `capacity` strings (like the parser's number columns). */
  grow(capacity: number): void {
    const values = new Array<string>(capacity);
    const old = this.values;
    for (let k = 0; k < this.length; k++) values[k] = old[k];
    this.values = values;
  }

  /** Makes room for `cells` more cells of `bytes` bytes in all in the current chunk. */
  abstract reserve(cells: number, bytes: number): void;

  /** Turns the cells recorded for the current chunk into strings. */
  abstract flush(): void;

  /** Every value made so far, in order; the column is spent afterwards. */
  finish(): string[] {
    const values = this.values;
    this.values = [];
    values.length = this.length;
    return values;
  }
}

/**
 * A text column of distinct values (ids): the parser copies each cell's bytes into `bytes`
 * as it scans them and records where the cell ends in `ends`; `flush` then makes the strings
 * with one decode per span and a substring per cell, while the next chunk is still being
 * decompressed.
 */
export class ChunkStrings extends ChunkColumn {
  /** Cell bytes of the current chunk, back to back. */
  bytes: Uint8Array = new Uint8Array(1 << 16);
  /** Bytes used in `bytes`. */
  used = 0;
  /** End offset in `bytes` of each recorded cell of the current chunk. */
  ends: Int32Array = new Int32Array(1024);
  /** Cells recorded in the current chunk. */
  count = 0;

  reserve(cells: number, bytes: number): void {
    this.ends = withRoom(this.ends, this.count, cells);
    if (this.used + bytes > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.used + bytes, this.bytes.length * 2));
      next.set(this.bytes.subarray(0, this.used));
      this.bytes = next;
    }
  }

  /**
   * One decode per span of about 16 KB (small strings decode fastest), then a substring per
   * cell; cells of a span with non-ASCII bytes are decoded one by one. One flat loop: the
   * optimizing compiler would bail out of nested loops compiled mid-call on every chunk.
   */
  flush(): void {
    const count = this.count;
    const bytes = this.bytes;
    const used = this.used;
    const ends = this.ends;
    const values = this.values;
    let length = this.length;
    let text = "";
    let textFrom = 0;
    let textTo = 0;
    let ascii = true;
    let start = 0;
    for (let k = 0; k < count; k++) {
      const end = ends[k];
      if (end > textTo) {
        textFrom = start;
        textTo = Math.max(end, Math.min(used, start + SPAN_BYTES));
        text = utf8.decode(bytes.subarray(textFrom, textTo));
        ascii = text.length === textTo - textFrom;
      }
      values[length++] = ascii
        ? text.substring(start - textFrom, end - textFrom)
        : utf8.decode(bytes.subarray(start, end));
      start = end;
    }
    this.length = length;
    this.count = 0;
    this.used = 0;
  }
}

/**
 * A text column of repeated values (exchange, symbol, side, ...): each distinct value gets a
 * small code and is decoded once; the parser records a code per cell in `codes`, and `flush`
 * maps them to the shared strings. The last two values seen are kept for the parser's fast
 * comparisons (an empty `lastBytes` never matches).
 */
export class InternedStrings extends ChunkColumn {
  /** Codes of the cells of the current chunk. */
  codes: Int32Array = new Int32Array(1024);
  /** Cells recorded in the current chunk. */
  count = 0;
  /** Bytes and code of the last value seen. */
  lastBytes: Uint8Array = new Uint8Array(0);
  /** Code of `lastBytes`. */
  lastCode = -1;
  /** Bytes of the value seen before the last one. */
  previousBytes: Uint8Array = new Uint8Array(0);
  /** Code of `previousBytes`. */
  previousCode = -1;
  #byHash = new Map<number, number[]>();
  #bytes: Uint8Array[] = [];
  #strings: string[] = [];

  reserve(cells: number): void {
    this.codes = withRoom(this.codes, this.count, cells);
  }

  /**
   * The code of `bytes[start, end)`, whose FNV-1a hash is `hash`, made the last value seen
   * (the last one becomes the previous one).
   */
  intern(bytes: Uint8Array, start: number, end: number, hash: number): number {
    let codes = this.#byHash.get(hash);
    let code = -1;
    if (codes !== undefined) {
      for (const known of codes) {
        if (sameBytes(this.#bytes[known], bytes, start, end)) code = known;
      }
    } else {
      codes = [];
      this.#byHash.set(hash, codes);
    }
    if (code < 0) {
      const copy = bytes.slice(start, end);
      code = this.#strings.length;
      this.#bytes.push(copy);
      this.#strings.push(utf8.decode(copy));
      codes.push(code);
    }
    this.remember(code);
    return code;
  }

  /** Makes `code` the last value seen and the last one the previous one. */
  remember(code: number): void {
    this.previousBytes = this.lastBytes;
    this.previousCode = this.lastCode;
    this.lastBytes = this.#bytes[code];
    this.lastCode = code;
  }

  flush(): void {
    const count = this.count;
    const codes = this.codes;
    const strings = this.#strings;
    const values = this.values;
    let length = this.length;
    for (let k = 0; k < count; k++) values[length++] = strings[codes[k]];
    this.length = length;
    this.count = 0;
  }
}

/** `array` itself when it has room for `more` values after `used`, else a larger copy. */
function withRoom(array: Int32Array, used: number, more: number): Int32Array {
  if (used + more <= array.length) return array;
  const next = new Int32Array(Math.max(used + more, array.length * 2));
  next.set(array.subarray(0, used));
  return next;
}

function sameBytes(a: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}
