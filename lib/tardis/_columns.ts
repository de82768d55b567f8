/**
 * Growable typed storage for the streaming parser: a Float64Array over a resizable
 * ArrayBuffer (grows in place, trimmed without a copy), and a string interner keyed by bytes.
 */

const INITIAL_MAX_ELEMENTS = 1 << 24;

/** A Float64Array that grows in place and is handed out at its exact length. */
export class GrowableFloat64 {
  #buffer: ArrayBuffer;
  /** Current storage; valid indexes are below `capacity`. Re-read after `grow`. */
  array: Float64Array;

  constructor(capacity: number) {
    this.#buffer = new ArrayBuffer(capacity * 8, {
      maxByteLength: Math.max(capacity, INITIAL_MAX_ELEMENTS) * 8,
    });
    this.array = new Float64Array(this.#buffer);
  }

  /** Number of elements that fit now. */
  get capacity(): number {
    return this.array.length;
  }

  /** Grows to at least `capacity` elements, keeping the values. */
  grow(capacity: number): void {
    const bytes = capacity * 8;
    if (bytes <= this.#buffer.maxByteLength) {
      this.#buffer.resize(bytes);
      return;
    }
    const next = new ArrayBuffer(bytes, { maxByteLength: bytes * 4 });
    new Float64Array(next).set(this.array);
    this.#buffer = next;
    this.array = new Float64Array(next);
  }

  /** The first `length` values as a fixed-length Float64Array (no copy); the column is spent. */
  finish(length: number): Float64Array {
    this.#buffer.resize(length * 8);
    const fixed = this.#buffer.transferToFixedLength();
    this.array = new Float64Array(0);
    return new Float64Array(fixed);
  }
}

const utf8 = new TextDecoder();

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
