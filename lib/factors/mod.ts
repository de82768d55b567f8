/**
 * Factor math and technical indicators on `Float64Array` series: input-aligned outputs
 * with NaN warm-up, NaN = missing, inputs never mutated. Indicators (`sma`, `ema`, `wma`,
 * `rsi`, `atr`, `bollinger`, `macd`, `stochastic`, `vwap`, `obv`), factors (momentum,
 * realized volatility and its regime, Amihud liquidity, order-flow imbalance, order-book
 * features, funding carry), a composite score and signal classes.
 *
 * @example
 * ```ts
 * import { classifySignals, compositeScore, momentum, realizedVolatility, rsi } from "@quantbook/sdk/factors";
 * const close = new Float64Array(300).map((_, i) => 100 * Math.exp(0.01 * Math.sin(i / 7) + i / 1e3));
 * const strength = rsi(close, 14);
 * const score = compositeScore(
 *   { momentum: momentum(close, 20), volatility: realizedVolatility(close, 20) },
 *   60,
 * );
 * const classes = classifySignals(score);
 * ```
 *
 * @module
 */
export { ema, sma, wma } from "./moving_averages.ts";
export { rsi } from "./rsi.ts";
export { atr, trueRange } from "./atr.ts";
export { bollinger, type BollingerBands } from "./bollinger.ts";
export { macd, type MacdResult } from "./macd.ts";
export { stochastic, type StochasticResult } from "./stochastic.ts";
export { vwap, type VwapOptions } from "./vwap.ts";
export { obv } from "./obv.ts";
export { momentum, momentumAcceleration, type MomentumAccelerationOptions } from "./momentum.ts";
export {
  realizedVolatility,
  type RealizedVolatilityOptions,
  VOLATILITY_HIGH,
  VOLATILITY_LOW,
  VOLATILITY_NORMAL,
  volatilityPercentile,
  volatilityRegime,
  type VolatilityRegimeOptions,
  type VolatilityWindowOptions,
} from "./volatility.ts";
export { amihudIlliquidity, liquidityScore, type LiquidityScoreOptions } from "./liquidity.ts";
export {
  barOrderFlowImbalance,
  orderFlowImbalance,
  type OrderFlowImbalanceOptions,
} from "./order_flow.ts";
export {
  type BookFeatures,
  bookFeatures,
  type BookFeaturesOptions,
  bookSpread,
  depthImbalance,
  microprice,
  midPrice,
} from "./book.ts";
export { fundingCarry, type FundingCarryOptions } from "./funding.ts";
export {
  type CompositeComponents,
  compositeScore,
  type CompositeScoreOptions,
  type CompositeWeights,
  DEFAULT_COMPOSITE_WEIGHTS,
} from "./composite.ts";
export {
  classifySignals,
  type SignalClass,
  signalClassName,
  type SignalClassOptions,
} from "./signals.ts";
