/**
 * Columnar primitives: O(n) rolling and expanding windows, shifts and returns, crosses,
 * cross-sectional z-scores, the as-of join that prevents look-ahead, and numeric CSV.
 *
 * @example
 * ```ts
 * import { asOfValues, rollingZscore } from "@quantbook/sdk/series";
 * const z = rollingZscore(new Float64Array([1, 2, 3, 10]), 3);
 * const aligned = asOfValues(new Float64Array([10, 20]), new Float64Array([15]), z.slice(3));
 * ```
 *
 * @module
 */
export type { Bars, RollingOptions, Table } from "./types.ts";
export {
  rollingMax,
  rollingMean,
  rollingMin,
  rollingQuantile,
  rollingRank,
  rollingStd,
  rollingSum,
  rollingVar,
  rollingZscore,
} from "./rolling.ts";
export {
  expandingMax,
  expandingMean,
  expandingMin,
  expandingQuantile,
  expandingRank,
  expandingStd,
  expandingSum,
  expandingVar,
  expandingZscore,
} from "./expanding.ts";
export { cumsum, diff, logReturns, pctChange, shift } from "./transform.ts";
export { crossover, crossunder } from "./cross.ts";
export { type CrossSectionalOptions, crossSectionalZscore } from "./cross_sectional.ts";
export { asOf, type AsOfOptions, asOfValues } from "./asof.ts";
export { microsToIso, parseDateToMicros, toMicros } from "./dates.ts";
export { readCsv, readCsvFile, type ReadCsvOptions, toBars } from "./csv.ts";
export { SeededRandom } from "./random.ts";
