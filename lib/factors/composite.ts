import { rollingZscore } from "../series/mod.ts";
import { assertFinite, assertSameLength, assertSeries, assertWindow } from "../series/_validate.ts";

/** The factor series combined by {@link compositeScore}; give at least one. */
export interface CompositeComponents {
  /** Momentum (higher = more bullish), e.g. from `momentum`. */
  momentum?: Float64Array;
  /** Volatility (higher = riskier; enters the score INVERTED), e.g. `realizedVolatility`. */
  volatility?: Float64Array;
  /** Liquidity (higher = more liquid), e.g. from `liquidityScore`. */
  liquidity?: Float64Array;
  /** Order-flow imbalance (higher = more buying), e.g. from `orderFlowImbalance`. */
  orderFlow?: Float64Array;
}

/** Weights of {@link compositeScore}'s components (finite; sign and size are yours). */
export interface CompositeWeights {
  /** Default 0.40. */
  momentum?: number;
  /** Default 0.20 (applied to the inverted volatility z-score). */
  volatility?: number;
  /** Default 0.25. */
  liquidity?: number;
  /** Default 0.15. */
  orderFlow?: number;
}

/** Options of {@link compositeScore}. */
export interface CompositeScoreOptions {
  /** Component weights; missing keys take the defaults 40/20/25/15 %. */
  weights?: CompositeWeights;
}

/** Default weights of {@link compositeScore}: 40% momentum, 20% inverted volatility, 25%
 * liquidity, 15% order flow.
 *
 * @example
 * ```ts
 * import { DEFAULT_COMPOSITE_WEIGHTS } from "@quantbook/sdk/factors";
 * DEFAULT_COMPOSITE_WEIGHTS.momentum; // 0.4
 * ```
 */
export const DEFAULT_COMPOSITE_WEIGHTS: Readonly<Required<CompositeWeights>> = Object.freeze({
  momentum: 0.4,
  volatility: 0.2,
  liquidity: 0.25,
  orderFlow: 0.15,
});

const COMPONENT_KEYS = ["momentum", "volatility", "liquidity", "orderFlow"] as const;

/**
 * Composite factor score: a weighted sum of rolling z-scores of the given components,
 * `score[i] = sum_c w_c * s_c * z_c[i] / sum_c |w_c|`, where `z_c = rollingZscore(c,
 * window)` (`(x - mean) / std` of the trailing window, sample std, no future data),
 * `s_c = -1` for volatility (calm markets score higher) and `+1` otherwise. Only the given
 * components enter, and dividing by the sum of their absolute weights keeps the score on the
 * z-score scale (with all four default weights the divisor is 1). NaN where any given
 * component's z-score is NaN.
 *
 * @param components The factor series, all the same length (at least one).
 * @param window Rolling z-score window in bars (integer >= 2).
 * @param options `{ weights }` (default 40/20/25/15 %).
 * @returns The score, same length as the components.
 *
 * @example
 * ```ts
 * import { compositeScore } from "@quantbook/sdk/factors";
 * const momentum = new Float64Array([0.1, 0.2, 0.1, 0.4]);
 * const volatility = new Float64Array([0.5, 0.4, 0.6, 0.3]);
 * compositeScore({ momentum, volatility }, 3);
 * ```
 */
export function compositeScore(
  components: CompositeComponents,
  window: number,
  options: CompositeScoreOptions = {},
): Float64Array {
  assertWindow("window", window, 2);
  const present = COMPONENT_KEYS.filter((key) => components?.[key] !== undefined);
  if (present.length === 0) {
    throw new TypeError(
      "compositeScore needs at least one of components.momentum, .volatility, .liquidity, " +
        ".orderFlow",
    );
  }
  const series = present.map((key) => {
    const values = components[key];
    assertSeries(`components.${key}`, values);
    return values;
  });
  assertSameLength(present.map((key) => `components.${key}`), ...series);
  const weights = { ...DEFAULT_COMPOSITE_WEIGHTS, ...options.weights };
  let totalWeight = 0;
  for (const key of present) {
    assertFinite(`options.weights.${key}`, weights[key]);
    totalWeight += Math.abs(weights[key]);
  }
  if (totalWeight === 0) {
    throw new RangeError("the weights of the given components are all 0; give a non-zero weight");
  }
  const score = new Float64Array(series[0].length);
  present.forEach((key, c) => {
    const factor = ((key === "volatility" ? -1 : 1) * weights[key]) / totalWeight;
    const z = rollingZscore(series[c], window);
    for (let i = 0; i < score.length; i++) score[i] += factor * z[i];
  });
  return score;
}
