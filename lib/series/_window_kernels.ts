/** Window kernels shared by the rolling and expanding functions (window = length). */
import { RankCounter } from "./_fenwick.ts";

/**
 * How often (in steps) the sliding sums are recomputed exactly from the window, bounding the
 * rounding drift of add/remove updates at O(1) amortized extra cost per step.
 */
function _recomputeEvery(window: number): number {
  return Math.max(8 * window, 1024);
}

/** Exact sum and count of the non-NaN values of x[from..to]. */
function _exactSum(x: Float64Array, from: number, to: number): [number, number] {
  let sum = 0, comp = 0, count = 0;
  for (let j = from; j <= to; j++) {
    const v = x[j];
    if (v !== v) continue;
    count++;
    const t = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  return [sum + comp, count];
}

/** Sliding sum (Neumaier-compensated) and count; `mean` divides by the count. */
export function sumKernel(
  x: Float64Array,
  window: number,
  minPeriods: number,
  mean: boolean,
): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const every = _recomputeEvery(window);
  let sum = 0, comp = 0, count = 0, since = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === v) {
      count++;
      const t = sum + v;
      comp += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
      sum = t;
    }
    if (i >= window) {
      const o = -x[i - window];
      if (o === o) {
        count--;
        const t = sum + o;
        comp += Math.abs(sum) >= Math.abs(o) ? (sum - t) + o : (o - t) + sum;
        sum = t;
      }
    }
    if (++since >= every) {
      since = 0;
      [sum, count] = _exactSum(x, Math.max(0, i - window + 1), i);
      comp = 0;
    }
    out[i] = count >= minPeriods ? (mean ? (sum + comp) / count : sum + comp) : NaN;
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
      const [sum, c] = _exactSum(x, from, i);
      if (c > 0) shiftK = sum / c;
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
    let variance = sameRun >= count ? 0 : (s2 - s1 * m) / (count - 1);
    if (variance < 0) variance = 0;
    if (mode === 0) out[i] = variance;
    else if (mode === 1) out[i] = Math.sqrt(variance);
    else out[i] = variance > 0 ? (v - shiftK - m) / Math.sqrt(variance) : NaN;
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
  const n = x.length;
  const out = new Float64Array(n);
  const cap = Math.min(window, n) + 1;
  const dq = new Int32Array(cap);
  let head = 0, size = 0, count = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === v) {
      count++;
      while (size > 0) {
        const back = x[dq[(head + size - 1) % cap]];
        if (isMax ? back <= v : back >= v) size--;
        else break;
      }
      dq[(head + size) % cap] = i;
      size++;
    }
    if (i >= window) {
      const old = i - window;
      if (x[old] === x[old]) count--;
      if (size > 0 && dq[head] <= old) {
        head = (head + 1) % cap;
        size--;
      }
    }
    out[i] = count >= minPeriods && size > 0 ? x[dq[head]] : NaN;
  }
  return out;
}

/** Sliding order statistics with a Fenwick tree: pct rank of the last value or a quantile. */
export function orderKernel(
  x: Float64Array,
  window: number,
  minPeriods: number,
  q: number,
): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const counter = new RankCounter(x);
  const codes = counter.codes;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c >= 0) {
      counter.add(c, 1);
      count++;
    }
    if (i >= window) {
      const o = codes[i - window];
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
  return out;
}
