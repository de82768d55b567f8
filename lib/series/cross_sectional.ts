import { assertSameLength, assertSeries } from "./_validate.ts";

/**
 * Options for {@linkcode crossSectionalZscore}.
 *
 * @example
 * ```ts
 * import type { CrossSectionalOptions } from "@quantbook/sdk/series";
 * const opts: CrossSectionalOptions = { ddof: 0, minAssets: 3 };
 * ```
 */
export interface CrossSectionalOptions {
  /** Delta degrees of freedom of the std across assets (default 1, like pandas). */
  ddof?: number;
  /** Minimum number of assets with a value at a time to produce z-scores (default 2). */
  minAssets?: number;
}

/**
 * Cross-sectional z-score: at each time index, each asset's value minus the mean across
 * assets, divided by the std across assets (NaN assets are skipped and stay NaN). Uses only
 * same-time values, so it adds no look-ahead.
 *
 * @example
 * ```ts
 * import { crossSectionalZscore } from "@quantbook/sdk/series";
 * const [a, b] = crossSectionalZscore([new Float64Array([1]), new Float64Array([3])]);
 * // a = [-0.7071...], b = [0.7071...]
 * ```
 */
export function crossSectionalZscore(
  seriesByAsset: Float64Array[],
  opts: CrossSectionalOptions = {},
): Float64Array[] {
  const ddof = opts.ddof ?? 1;
  const minAssets = Math.max(opts.minAssets ?? 2, ddof + 1);
  seriesByAsset.forEach((s, k) => assertSeries(`seriesByAsset[${k}]`, s));
  assertSameLength(seriesByAsset.map((_, k) => `seriesByAsset[${k}]`), ...seriesByAsset);
  const n = seriesByAsset[0]?.length ?? 0;
  const out = seriesByAsset.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    let count = 0, sum = 0;
    for (const s of seriesByAsset) {
      const v = s[i];
      if (v === v) {
        count++;
        sum += v;
      }
    }
    const mean = sum / count;
    let ss = 0;
    for (const s of seriesByAsset) {
      const v = s[i];
      if (v === v) ss += (v - mean) * (v - mean);
    }
    const std = Math.sqrt(ss / (count - ddof));
    for (let k = 0; k < seriesByAsset.length; k++) {
      const v = seriesByAsset[k][i];
      out[k][i] = count >= minAssets && std > 0 && v === v ? (v - mean) / std : NaN;
    }
  }
  return out;
}
