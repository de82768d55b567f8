/**
 * Order statistics over a sliding window in O(log w) per step with good cache locality:
 * the values of one span of the series (a block of outputs plus the window before it) are
 * compressed to their rank among the span's distinct values, and a Fenwick tree sized by
 * the span counts how many of each rank the window holds. Buffers are reused across spans.
 */
export class SpanRankCounter {
  /** Sorted distinct non-NaN values of the loaded span (first `size` entries). */
  values: Float64Array;
  /** Compressed rank of each span position (-1 for NaN), indexed from the span start. */
  codes: Int32Array;
  #tree: Int32Array;
  #counts: Int32Array;
  #size = 0;
  #topBit = 1;
  // Radix-sort scratch: the span's values, their order-preserving 64-bit keys (as two
  // 32-bit words), their span positions, the permutation being sorted and the histograms.
  #raw: Float64Array;
  #keys: Uint32Array;
  #pos: Int32Array;
  #perm: Uint32Array;
  #next: Uint32Array;
  #hist = new Uint32Array(8 * 256);

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
    this.codes = new Int32Array(capacity);
    this.#tree = new Int32Array(capacity + 1);
    this.#counts = new Int32Array(capacity);
    this.#raw = new Float64Array(capacity);
    this.#keys = new Uint32Array(this.#raw.length * 2);
    this.#pos = new Int32Array(capacity);
    this.#perm = new Uint32Array(capacity);
    this.#next = new Uint32Array(capacity);
  }

  /**
   * Loads the span `x[from..to)` and empties the window. Values are ranked by an LSD radix
   * sort on order-preserving 64-bit keys (bytes shared by every key are skipped), so
   * loading costs O(span) rather than O(span log span).
   */
  load(x: Float64Array, from: number, to: number): void {
    const raw = this.#raw, keys = this.#keys, pos = this.#pos, codes = this.codes;
    const hist = this.#hist;
    hist.fill(0);
    const keyView = new Float64Array(keys.buffer);
    let valid = 0;
    for (let i = from; i < to; i++) {
      const v = x[i];
      if (v !== v) {
        codes[i - from] = -1;
        continue;
      }
      raw[valid] = v;
      keyView[valid] = v + 0; // -0 becomes +0: equal values get equal keys
      const hi = keys[2 * valid + 1], flip = hi >> 31; // all ones for negatives
      const khi = (hi ^ (flip | 0x80000000)) >>> 0, klo = (keys[2 * valid] ^ flip) >>> 0;
      keys[2 * valid] = klo;
      keys[2 * valid + 1] = khi;
      hist[klo & 255]++;
      hist[256 + ((klo >>> 8) & 255)]++;
      hist[512 + ((klo >>> 16) & 255)]++;
      hist[768 + (klo >>> 24)]++;
      hist[1024 + (khi & 255)]++;
      hist[1280 + ((khi >>> 8) & 255)]++;
      hist[1536 + ((khi >>> 16) & 255)]++;
      hist[1792 + (khi >>> 24)]++;
      pos[valid] = i - from;
      valid++;
    }
    let perm = this.#perm, next = this.#next;
    for (let k = 0; k < valid; k++) perm[k] = k;
    for (let byte = 0; byte < 8; byte++) {
      const base = byte * 256;
      let offset = 0, constant = false;
      for (let d = 0; d < 256; d++) {
        const c = hist[base + d];
        if (c === valid) constant = true;
        hist[base + d] = offset;
        offset += c;
      }
      if (constant) continue;
      const word = byte >> 2, shift = (byte & 3) * 8;
      for (let j = 0; j < valid; j++) {
        const k = perm[j];
        const d = (keys[2 * k + word] >>> shift) & 255;
        next[hist[base + d]++] = k;
      }
      const swap = perm;
      perm = next;
      next = swap;
    }
    const vals = this.values;
    let m = 0, prevLo = 0, prevHi = 0;
    for (let j = 0; j < valid; j++) {
      const k = perm[j];
      const lo = keys[2 * k], hi = keys[2 * k + 1];
      if (m === 0 || lo !== prevLo || hi !== prevHi) {
        vals[m++] = raw[k];
        prevLo = lo;
        prevHi = hi;
      }
      codes[pos[k]] = m - 1;
    }
    this.#size = m;
    this.#tree.fill(0, 0, m + 1);
    this.#counts.fill(0, 0, m);
    let top = 1;
    while (top * 2 <= m) top *= 2;
    this.#topBit = top;
  }

  /** Adds `delta` occurrences of compressed rank `code`. */
  add(code: number, delta: number): void {
    this.#counts[code] += delta;
    const tree = this.#tree, m = this.#size;
    for (let j = code + 1; j <= m; j += j & -j) tree[j] += delta;
  }

  /** Number of window values strictly below compressed rank `code`. */
  countBelow(code: number): number {
    const tree = this.#tree;
    let s = 0;
    for (let j = code; j > 0; j -= j & -j) s += tree[j];
    return s;
  }

  /** Number of window values equal to compressed rank `code`. */
  countEqual(code: number): number {
    return this.#counts[code];
  }

  /** Value of the k-th smallest (0-based) window value. */
  kth(k: number): number {
    const tree = this.#tree, m = this.#size;
    let pos = 0;
    let rem = k;
    for (let bit = this.#topBit; bit > 0; bit >>= 1) {
      const next = pos + bit;
      if (next <= m && tree[next] <= rem) {
        pos = next;
        rem -= tree[next];
      }
    }
    return this.values[pos];
  }
}
