/** Window kernels shared by the rolling and expanding functions (window = length). */
import { SpanRankCounter } from "./_fenwick.ts";

/**
 * How often (in steps) the sliding sums are recomputed exactly from the window around a
 * fresh shift, bounding the rounding drift of add/remove updates at O(1) amortized extra
 * cost per step (two passes over the window every eight windows).
 */
function _recomputeEvery(window: number): number {
  return Math.max(8 * window, 4096);
}

/** Plain mean and count of the non-NaN values of x[from..to]: the shift for the sums. */
function _windowMean(x: Float64Array, from: number, to: number): [number, number] {
  let sum = 0, count = 0;
  for (let j = from; j <= to; j++) {
    const v = x[j];
    if (v === v) {
      sum += v;
      count++;
    }
  }
  return [count > 0 ? sum / count : 0, count];
}

/**
 * Fast path of {@linkcode sumKernel} for series without NaN or zero, where the window count
 * is known and no exact-zero bookkeeping is needed: the steady-state loop is one add per
 * step, restarted from an exact shifted sum every few windows. Returns undefined (and the
 * caller takes the general path) at the first NaN or zero, checked as values enter.
 */
function _denseSum(
  x: Float64Array,
  window: number,
  minPeriods: number,
  mean: boolean,
): Float64Array | undefined {
  const n = x.length;
  const out = new Float64Array(n);
  const warm = Math.min(window, n);
  let s = 0;
  for (let i = 0; i < warm; i++) {
    const v = x[i];
    if (v !== v || v === 0) return undefined;
    s += v;
    const c = i + 1;
    out[i] = c < minPeriods ? NaN : mean ? s / c : s;
  }
  const every = _recomputeEvery(window);
  const divisor = mean ? window : 1;
  for (let start = warm; start < n; start += every) {
    const [shiftK] = _windowMean(x, start - window, start - 1);
    let s1 = 0;
    for (let j = start - window; j < start; j++) s1 += x[j] - shiftK;
    const end = Math.min(n, start + every);
    const base = mean ? shiftK : shiftK * window;
    for (let i = start; i < end; i++) {
      const a = x[i];
      if (a !== a || a === 0) return undefined;
      s1 += a - x[i - window];
      out[i] = base + s1 / divisor;
    }
  }
  return out;
}

/**
 * Fast path of {@linkcode momentKernel} for series without NaN (see {@linkcode _denseSum});
 * returns undefined at the first NaN.
 */
function _denseMoment(
  x: Float64Array,
  window: number,
  minPeriods: number,
  mode: 0 | 1 | 2,
): Float64Array | undefined {
  const n = x.length;
  const out = new Float64Array(n);
  const need = Math.max(minPeriods, 2);
  const warm = Math.min(window, n);
  const k0 = n > 0 ? x[0] : 0;
  let s1 = 0, s2 = 0, run = 0;
  if (k0 !== k0) return undefined;
  for (let i = 0; i < warm; i++) {
    const y = x[i] - k0;
    if (y !== y) return undefined;
    s1 += y;
    s2 += y * y;
    run = i > 0 && x[i] === x[i - 1] ? run + 1 : 1;
    const c = i + 1;
    out[i] = c < need ? NaN : _momentOut(mode, y, s1 / c, (s2 - s1 * (s1 / c)) / (c - 1), run >= c);
  }
  const every = _recomputeEvery(window);
  for (let start = warm; start < n; start += every) {
    const end = Math.min(n, start + every);
    if (window < need) {
      out.fill(NaN, start, end);
      continue;
    }
    const [k] = _windowMean(x, start - window, start - 1);
    s1 = 0;
    s2 = 0;
    for (let j = start - window; j < start; j++) {
      const y = x[j] - k;
      s1 += y;
      s2 += y * y;
    }
    const inv = 1 / (window - 1);
    // One loop per mode: the hot path carries no per-step mode dispatch.
    if (mode === 0) {
      for (let i = start; i < end; i++) {
        const a = x[i] - k, b = x[i - window] - k;
        if (a !== a) return undefined;
        s1 += a - b;
        s2 += a * a - b * b;
        run = x[i] === x[i - 1] ? run + 1 : 1;
        const v = (s2 - s1 * (s1 / window)) * inv;
        out[i] = run >= window || !(v > 0) ? 0 : v;
      }
    } else if (mode === 1) {
      for (let i = start; i < end; i++) {
        const a = x[i] - k, b = x[i - window] - k;
        if (a !== a) return undefined;
        s1 += a - b;
        s2 += a * a - b * b;
        run = x[i] === x[i - 1] ? run + 1 : 1;
        const v = (s2 - s1 * (s1 / window)) * inv;
        out[i] = run >= window || !(v > 0) ? 0 : Math.sqrt(v);
      }
    } else {
      for (let i = start; i < end; i++) {
        const a = x[i] - k, b = x[i - window] - k;
        if (a !== a) return undefined;
        s1 += a - b;
        s2 += a * a - b * b;
        run = x[i] === x[i - 1] ? run + 1 : 1;
        const m = s1 / window;
        const v = (s2 - s1 * m) * inv;
        out[i] = run >= window || !(v > 0) ? NaN : (a - m) / Math.sqrt(v);
      }
    }
  }
  return out;
}

/** Variance, std or z-score from a window's shifted mean `m` and raw variance. */
function _momentOut(
  mode: 0 | 1 | 2,
  y: number,
  m: number,
  rawVariance: number,
  allEqual: boolean,
): number {
  const variance = allEqual || !(rawVariance > 0) ? 0 : rawVariance;
  if (mode === 0) return variance;
  if (mode === 1) return Math.sqrt(variance);
  return variance > 0 ? (y - m) / Math.sqrt(variance) : NaN;
}

/**
 * Sliding sum and count on shifted data (`y = x - K`, with `K` reset to the window mean at
 * every exact recomputation), so rounding stays relative to the window's spread rather
 * than its level; `mean` divides by the count.
 */
export function sumKernel(
  x: Float64Array,
  window: number,
  minPeriods: number,
  mean: boolean,
): Float64Array {
  const dense = _denseSum(x, window, minPeriods, mean);
  if (dense) return dense;
  const n = x.length;
  const out = new Float64Array(n);
  const every = _recomputeEvery(window);
  let shiftK = 0, s1 = 0, count = 0, since = 0, nonzero = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === v) {
      s1 += v - shiftK;
      count++;
      if (v !== 0) nonzero++;
    }
    if (i >= window) {
      const o = x[i - window];
      if (o === o) {
        s1 -= o - shiftK;
        count--;
        if (o !== 0) nonzero--;
      }
    }
    if (++since >= every) {
      since = 0;
      const from = Math.max(0, i - window + 1);
      [shiftK, count] = _windowMean(x, from, i);
      s1 = 0;
      for (let j = from; j <= i; j++) {
        const w = x[j];
        if (w === w) s1 += w - shiftK;
      }
    }
    out[i] = count < minPeriods
      ? NaN
      : nonzero === 0
      ? 0
      : mean
      ? shiftK + s1 / count
      : shiftK * count + s1;
  }
  return out;
}

/**
 * Sliding sample variance on shifted data: sums of `y = x - K` and `y²`, where the shift `K`
 * is reset to the window mean at every exact recomputation (every few windows), so values
 * around 1e9 with variance 1e-6 keep their precision (`x - K` is exact). A window whose
 * values are all equal has variance exactly 0, as in pandas.
 * `mode`: 0 variance, 1 std, 2 z-score of the last value.
 */
export function momentKernel(
  x: Float64Array,
  window: number,
  minPeriods: number,
  mode: 0 | 1 | 2,
): Float64Array {
  const dense = _denseMoment(x, window, minPeriods, mode);
  if (dense) return dense;
  const n = x.length;
  const out = new Float64Array(n);
  const every = _recomputeEvery(window);
  const need = Math.max(minPeriods, 2);
  let shiftK = NaN, count = 0, s1 = 0, s2 = 0, since = 0, sameRun = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === v) {
      if (shiftK !== shiftK) shiftK = v;
      const y = v - shiftK;
      count++;
      s1 += y;
      s2 += y * y;
      sameRun = i > 0 && x[i - 1] === v ? sameRun + 1 : 1;
    } else {
      sameRun = 0;
    }
    if (i >= window) {
      const o = x[i - window];
      if (o === o) {
        const y = o - shiftK;
        count--;
        s1 -= y;
        s2 -= y * y;
      }
    }
    if (++since >= every) {
      since = 0;
      const from = Math.max(0, i - window + 1);
      const [mean, c] = _windowMean(x, from, i);
      if (c > 0) shiftK = mean;
      count = c;
      s1 = 0;
      s2 = 0;
      for (let j = from; j <= i; j++) {
        const w = x[j];
        if (w === w) {
          const y = w - shiftK;
          s1 += y;
          s2 += y * y;
        }
      }
    }
    if (count < need) {
      out[i] = NaN;
      continue;
    }
    const m = s1 / count;
    out[i] = _momentOut(mode, v - shiftK, m, (s2 - s1 * m) / (count - 1), sameRun >= count);
  }
  return out;
}

/**
 * Fast path of {@linkcode extremeKernel} for series without NaN (van Herk / Gil-Werman):
 * within blocks of `window` values, a suffix extreme (right to left) and a prefix extreme
 * (left to right) give every window's extreme as the better of two values: about three
 * comparisons per step, whatever the window, and branch-predictable. Returns undefined at
 * the first NaN.
 */
function _denseExtreme(
  x: Float64Array,
  window: number,
  minPeriods: number,
  isMax: boolean,
): Float64Array | undefined {
  const n = x.length;
  const out = new Float64Array(n);
  const suffix = new Float64Array(n);
  const worst = isMax ? -Infinity : Infinity;
  for (let b = 0; b < n; b += window) {
    let m = worst;
    for (let i = Math.min(n, b + window) - 1; i >= b; i--) {
      const v = x[i];
      if (v !== v) return undefined;
      if (isMax ? v > m : v < m) m = v;
      suffix[i] = m;
    }
  }
  for (let b = 0; b < n; b += window) {
    let pre = worst;
    const end = Math.min(n, b + window);
    for (let i = b; i < end; i++) {
      const v = x[i];
      if (isMax ? v > pre : v < pre) pre = v;
      if (i < window - 1) {
        out[i] = i + 1 >= minPeriods ? pre : NaN;
      } else {
        const s = suffix[i - window + 1];
        out[i] = (isMax ? s > pre : s < pre) ? s : pre;
      }
    }
  }
  return out;
}

/** Sliding min or max by a monotonic deque of indices: O(n) total. */
export function extremeKernel(
  x: Float64Array,
  window: number,
  minPeriods: number,
  isMax: boolean,
): Float64Array {
  const dense = _denseExtreme(x, window, minPeriods, isMax);
  if (dense) return dense;
  const n = x.length;
  const out = new Float64Array(n);
  let cap = 1;
  while (cap < Math.min(window, n) + 1) cap *= 2;
  const mask = cap - 1;
  const dq = new Int32Array(cap);
  const sign = isMax ? 1 : -1;
  let head = 0, tail = 0, count = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === v) {
      count++;
      const sv = sign * v;
      while (tail !== head && sign * x[dq[(tail - 1) & mask]] <= sv) tail--;
      dq[tail & mask] = i;
      tail++;
    }
    if (i >= window) {
      const old = i - window;
      if (x[old] === x[old]) count--;
      if (tail !== head && dq[head & mask] <= old) head++;
    }
    out[i] = count >= minPeriods && tail !== head ? x[dq[head & mask]] : NaN;
  }
  return out;
}

/**
 * Sliding order statistics: pct rank of the last value (`q < 0`) or the linearly
 * interpolated quantile `q`. Outputs are produced in blocks; each block loads the span it
 * needs (its window plus the block) into a span-sized Fenwick tree, so every step costs
 * O(log w) on cache-resident data and the total is O(n log w).
 */
export function orderKernel(
  x: Float64Array,
  window: number,
  minPeriods: number,
  q: number,
): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const block = Math.max(4 * Math.min(window, n), 8192);
  const counter = new SpanRankCounter(Math.min(n, block + window));
  const codes = counter.codes;
  for (let start = 0; start < n; start += block) {
    const end = Math.min(n, start + block);
    const from = Math.max(0, start - window + 1);
    counter.load(x, from, end);
    let count = 0;
    for (let j = from; j < start; j++) {
      const c = codes[j - from];
      if (c >= 0) {
        counter.add(c, 1);
        count++;
      }
    }
    for (let i = start; i < end; i++) {
      const c = codes[i - from];
      if (c >= 0) {
        counter.add(c, 1);
        count++;
      }
      if (i - window >= from) {
        const o = codes[i - window - from];
        if (o >= 0) {
          counter.add(o, -1);
          count--;
        }
      }
      if (count < minPeriods) {
        out[i] = NaN;
      } else if (q < 0) {
        out[i] = c < 0 ? NaN : (counter.countBelow(c) + (counter.countEqual(c) + 1) / 2) / count;
      } else {
        const pos = q * (count - 1);
        const lo = Math.floor(pos);
        const vlo = counter.kth(lo);
        out[i] = pos === lo ? vlo : vlo + (counter.kth(lo + 1) - vlo) * (pos - lo);
      }
    }
  }
  return out;
}
