/**
 * Backtesting: a vectorized target-exposure engine with honest costs and intrabar stops, a
 * multi-asset portfolio engine, statistics with pinned definitions (and backtesting.py
 * conventions), alphalens-style signal evaluation and fast parameter sweeps.
 *
 * @example
 * ```ts
 * import { backtest } from "@quantbook/sdk/backtest";
 * const day = 86_400e6;
 * const close = new Float64Array([10, 11, 12, 11, 13]);
 * const bars = {
 *   timestamp: Float64Array.from(close, (_, i) => i * day),
 *   open: close,
 *   high: close,
 *   low: close,
 *   close,
 *   volume: new Float64Array(close.length),
 * };
 * const result = backtest(bars, new Float64Array([1, NaN, NaN, 0, NaN]), { commission: 0.001 });
 * result.stats.numTrades; // 1
 * ```
 *
 * @module
 */
export type {
  BacktestOptions,
  BacktestResult,
  BacktestStats,
  CommissionModel,
  Conventions,
  ExitReason,
  StatsOptions,
  TradeLedger,
} from "./types.ts";
export type { Bars } from "../series/types.ts";
export { backtest } from "./engine.ts";
export { computeStats, type StatsInput } from "./stats.ts";
export { emptyTradeLedger, type TradeRow, tradeRows } from "./ledger.ts";
export { type ParamGrid, sweep, sweepHeatmap, type SweepMemo, type SweepOptions } from "./sweep.ts";
export { smaCrossSweep, type SmaCrossSweepOptions } from "./sma_sweep.ts";
export {
  crossSectionalIc,
  forwardReturns,
  informationCoefficient,
  informationCoefficientByHorizon,
  quantileReturns,
  rollingInformationCoefficient,
} from "./signal_eval.ts";
export { eventStudy, type EventStudyOptions, type EventStudyResult } from "./event_study.ts";
export { type EventTargetOptions, eventTargets } from "./event_targets.ts";
export { backtestPortfolio, type PortfolioOptions, type PortfolioResult } from "./portfolio.ts";
