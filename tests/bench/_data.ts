/**
 * Seeded bench data shared with the Python peers: a Gaussian-ish random walk written to a
 * raw little-endian float64 file so pandas reads exactly the same numbers.
 */

/** A seeded random walk of `n` float64 values around 100. */
export function benchSeries(n: number, seed = 42): Float64Array {
  const x = new Float64Array(n);
  let s = seed >>> 0;
  let level = 100;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    level *= 1 + (s / 4294967296 - 0.5) * 0.002;
    x[i] = level;
  }
  return x;
}

/** Writes `benchSeries(n)` as raw float64 to `path` (for the Python peers). */
export async function writeBenchSeries(path: string, n: number): Promise<void> {
  const x = benchSeries(n);
  await Deno.writeFile(path, new Uint8Array(x.buffer));
}
