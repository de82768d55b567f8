/**
 * Order statistics over a sliding window in O(log n) per step: values are compressed to
 * their rank among the distinct non-NaN values of the whole series, and a Fenwick tree
 * counts how many of each rank the window holds.
 */
export class RankCounter {
  /** Sorted distinct non-NaN values of the series. */
  readonly values: Float64Array;
  /** Compressed rank of each input position (-1 for NaN). */
  readonly codes: Int32Array;
  readonly #tree: Int32Array;
  readonly #counts: Int32Array;
  readonly #topBit: number;

  constructor(x: Float64Array) {
    const n = x.length;
    let valid = 0;
    const sorted = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (v === v) sorted[valid++] = v;
    }
    const used = sorted.subarray(0, valid).sort();
    let m = 0;
    for (let i = 0; i < valid; i++) {
      if (i === 0 || used[i] !== used[m - 1]) used[m++] = used[i];
    }
    this.values = used.slice(0, m);
    const codes = new Int32Array(n);
    const vals = this.values;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (v !== v) {
        codes[i] = -1;
        continue;
      }
      let lo = 0, hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (vals[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      codes[i] = lo;
    }
    this.codes = codes;
    this.#tree = new Int32Array(m + 1);
    this.#counts = new Int32Array(m);
    let top = 1;
    while (top * 2 <= m) top *= 2;
    this.#topBit = top;
  }

  /** Adds `delta` occurrences of compressed rank `code`. */
  add(code: number, delta: number): void {
    this.#counts[code] += delta;
    const tree = this.#tree;
    for (let j = code + 1; j < tree.length; j += j & -j) tree[j] += delta;
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
    const tree = this.#tree;
    let pos = 0;
    let rem = k;
    for (let bit = this.#topBit; bit > 0; bit >>= 1) {
      const next = pos + bit;
      if (next < tree.length && tree[next] <= rem) {
        pos = next;
        rem -= tree[next];
      }
    }
    return this.values[pos];
  }
}
