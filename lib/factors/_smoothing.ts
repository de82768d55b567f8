/**
 * Exponential smoothing seeded with the simple mean of the first `n` consecutive valid
 * values: the first output sits at the end of that run, then `y = (1 - alpha) * y + alpha * x`.
 * A NaN input after the seed yields NaN at that index and leaves the state unchanged, so the
 * next valid value continues from the last smoothed value. Used by EMA (alpha 2/(n+1)) and
 * Wilder smoothing (alpha 1/n).
 */
export function seededSmoothing(x: Float64Array, n: number, alpha: number): Float64Array {
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  let run = 0;
  let sum = 0;
  let i = 0;
  for (; i < len; i++) {
    const v = x[i];
    if (Number.isNaN(v)) {
      run = 0;
      sum = 0;
      continue;
    }
    run++;
    sum += v;
    if (run === n) break;
  }
  if (i >= len) return out;
  let y = sum / n;
  out[i] = y;
  const keep = 1 - alpha;
  for (i++; i < len; i++) {
    const v = x[i];
    if (Number.isNaN(v)) continue;
    y = keep * y + alpha * v;
    out[i] = y;
  }
  return out;
}
