/**
 * Growable storage for the streaming parser: Float64Array columns, contiguous cell bytes for
 * unique strings, and an interner that decodes each distinct repeated value once.
 */

const utf8 = new TextDecoder();

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

/** Cell bytes of a text column kept contiguously; strings are made once at the end. */
export class ByteColumn {
  #bytes = new Uint8Array(1 << 16);
  #used = 0;
  #ends = new Float64Array(4096);
  #count = 0;

  /** Appends `source[start, end)` as the next cell. */
  push(source: Uint8Array, start: number, end: number): void {
    const size = end - start;
    if (this.#used + size > this.#bytes.length) {
      const next = new Uint8Array(Math.max(this.#bytes.length * 2, this.#used + size));
      next.set(this.#bytes.subarray(0, this.#used));
      this.#bytes = next;
    }
    if (size > 16) {
      this.#bytes.set(source.subarray(start, end), this.#used);
    } else {
      const bytes = this.#bytes;
      const used = this.#used;
      for (let k = 0; k < size; k++) bytes[used + k] = source[start + k];
    }
    this.#used += size;
    if (this.#count === this.#ends.length) {
      const next = new Float64Array(this.#ends.length * 2);
      next.set(this.#ends);
      this.#ends = next;
    }
    this.#ends[this.#count++] = this.#used;
  }

  /** All cells as strings (UTF-8). */
  finish(): string[] {
    const bytes = this.#bytes.subarray(0, this.#used);
    const ends = this.#ends;
    const count = this.#count;
    const out = new Array<string>(count);
    const text = utf8.decode(bytes);
    if (text.length === bytes.length) {
      let start = 0;
      for (let i = 0; i < count; i++) {
        const end = ends[i];
        out[i] = text.substring(start, end);
        start = end;
      }
    } else {
      let start = 0;
      for (let i = 0; i < count; i++) {
        out[i] = utf8.decode(bytes.subarray(start, ends[i]));
        start = ends[i];
      }
    }
    this.#bytes = new Uint8Array(0);
    return out;
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
