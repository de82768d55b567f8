/**
 * A small seeded pseudo-random generator (mulberry32) with a Box-Muller normal: the same
 * seed gives the same numbers on every machine, so synthetic data, sample files and
 * bootstraps are reproducible. Not for cryptography.
 *
 * @example
 * ```ts
 * import { SeededRandom } from "@quantbook/sdk/series";
 * const rng = new SeededRandom(42);
 * rng.next(); // uniform in [0, 1)
 * rng.normal(); // standard normal
 * ```
 */
export class SeededRandom {
  #state: number;
  #spare = NaN;

  /** Starts the sequence at `seed` (an integer; only its low 32 bits are used). */
  constructor(seed: number) {
    this.#state = Math.floor(seed) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box-Muller, the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.#spare)) {
      const value = this.#spare;
      this.#spare = NaN;
      return value;
    }
    const u = 1 - this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}
