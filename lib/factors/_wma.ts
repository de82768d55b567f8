/**
 * Linearly weighted rolling mean (weights 1..n, newest heaviest) in amortized O(len): the
 * weighted and plain window sums are updated by recurrence and recomputed exactly every `n`
 * steps (and whenever a window becomes NaN-free again), which bounds rounding drift.
 */
export function weightedRollingMean(x: Float64Array, n: number): Float64Array {
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  const denominator = (n * (n + 1)) / 2;
  let lastNaN = -1;
  let weighted = 0;
  let plain = 0;
  let stepsSinceExact = n;
  let previousValid = false;
  for (let i = 0; i < len; i++) {
    if (Number.isNaN(x[i])) lastNaN = i;
    if (i - lastNaN < n) {
      previousValid = false;
      continue;
    }
    if (!previousValid || stepsSinceExact >= n) {
      weighted = 0;
      plain = 0;
      for (let j = 0; j < n; j++) {
        const v = x[i - n + 1 + j];
        weighted += (j + 1) * v;
        plain += v;
      }
      stepsSinceExact = 0;
    } else {
      const entering = x[i];
      weighted += n * entering - plain;
      plain += entering - x[i - n];
      stepsSinceExact++;
    }
    out[i] = weighted / denominator;
    previousValid = true;
  }
  return out;
}
