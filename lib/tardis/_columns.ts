/**
 * Growable storage for the streaming parser: Float64Array columns, strings made chunk by
 * chunk for unique text cells, and an interner that decodes each distinct repeated value once.
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
 * A text column filled chunk by chunk: the parser records each cell's byte range in the
 * current chunk (`starts`/`ends`/`count`), and {@linkcode ChunkStrings.flush} turns them into
 * strings with one decode of the chunk's span and a substring per cell, so cell bytes are
 * never copied and the strings are made while the next chunk is still being decompressed.
 */
export class ChunkStrings {
  /** Start offsets of the recorded cells in the current chunk. */
  starts: Int32Array = new Int32Array(1024);
  /** End offsets (exclusive) of the recorded cells in the current chunk. */
  ends: Int32Array = new Int32Array(1024);
  /** Cells recorded in the current chunk. */
  count = 0;
  #values: string[];
  #length = 0;

  constructor(capacity: number) {
    this.#values = new Array<string>(capacity);
  }

  /** Grows the storage to `capacity` strings (like the parser's number columns). */
  grow(capacity: number): void {
    const values = new Array<string>(capacity);
    const old = this.#values;
    for (let k = 0; k < this.#length; k++) values[k] = old[k];
    this.#values = values;
  }

  /** Makes room for `cells` more ranges in the current chunk. */
  reserve(cells: number): void {
    const needed = this.count + cells;
    if (needed <= this.starts.length) return;
    const capacity = Math.max(needed, this.starts.length * 2);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    starts.set(this.starts.subarray(0, this.count));
    ends.set(this.ends.subarray(0, this.count));
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * Turns the recorded ranges of `bytes` (the current chunk) into strings: one decode per
   * span of up to 16 KB (small strings decode fastest), then a substring per cell.
   */
  flush(bytes: Uint8Array): void {
    const count = this.count;
    const starts = this.starts;
    const ends = this.ends;
    const values = this.#values;
    let length = this.#length;
    let k = 0;
    while (k < count) {
      const from = starts[k];
      let last = k;
      while (last + 1 < count && ends[last + 1] - from <= SPAN_BYTES) last++;
      const to = ends[last];
      const text = utf8.decode(bytes.subarray(from, to));
      if (text.length === to - from) {
        // ASCII: byte offsets are string offsets.
        for (; k <= last; k++) values[length++] = text.substring(starts[k] - from, ends[k] - from);
      } else {
        for (; k <= last; k++) values[length++] = utf8.decode(bytes.subarray(starts[k], ends[k]));
      }
    }
    this.#length = length;
    this.count = 0;
  }

  /** Every cell flushed so far, in order; the column is spent afterwards. */
  finish(): string[] {
    const values = this.#values;
    this.#values = [];
    values.length = this.#length;
    return values;
  }
}

/** Interns byte ranges: each distinct value gets a small integer code and is decoded once. */
export class ByteInterner {
  #byHash = new Map<number, number[]>();
  #bytes: Uint8Array[] = [];
  #values: string[] = [];

  /** The code of `bytes[start, end)`, whose FNV-1a hash is `hash`. */
  code(bytes: Uint8Array, start: number, end: number, hash: number): number {
    let codes = this.#byHash.get(hash);
    if (codes !== undefined) {
      for (const code of codes) if (sameBytes(this.#bytes[code], bytes, start, end)) return code;
    } else {
      codes = [];
      this.#byHash.set(hash, codes);
    }
    const copy = bytes.slice(start, end);
    const code = this.#values.length;
    this.#bytes.push(copy);
    this.#values.push(utf8.decode(copy));
    codes.push(code);
    return code;
  }

  /** The bytes of a code. */
  bytes(code: number): Uint8Array {
    return this.#bytes[code];
  }

  /** Maps codes to their strings. */
  decode(codes: Float64Array, length: number): string[] {
    const values = this.#values;
    if (values.length === 1) return new Array<string>(length).fill(values[0]);
    const out = new Array<string>(length);
    for (let i = 0; i < length; i++) out[i] = values[codes[i]];
    return out;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}
