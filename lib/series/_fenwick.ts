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

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
    this.codes = new Int32Array(capacity);
    this.#tree = new Int32Array(capacity + 1);
    this.#counts = new Int32Array(capacity);
  }

  /** Loads the span `x[from..to)` and empties the window. */
  load(x: Float64Array, from: number, to: number): void {
    const vals = this.values;
    let valid = 0;
    for (let i = from; i < to; i++) {
      const v = x[i];
      if (v === v) vals[valid++] = v;
    }
    vals.subarray(0, valid).sort();
    let m = 0;
    for (let i = 0; i < valid; i++) {
      if (m === 0 || vals[i] !== vals[m - 1]) vals[m++] = vals[i];
    }
    const codes = this.codes;
    for (let i = from; i < to; i++) {
      const v = x[i];
      if (v !== v) {
        codes[i - from] = -1;
        continue;
      }
      let lo = 0, hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (vals[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      codes[i - from] = lo;
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
