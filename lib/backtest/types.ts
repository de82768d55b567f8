/**
 * Shared types of the backtest domain: options, the columnar trade ledger, the result and
 * the statistics with their pinned definitions (see lib/backtest/README.md).
 */

/**
 * Commission per fill: a rate of traded notional (`0.001` = 0.1 %), a fixed amount plus a
 * rate, or a function of the signed fill size in units and the fill price returning the fee
 * in cash. Charged on every fill (entry and exit).
 *
 * @example
 * ```ts
 * import type { CommissionModel } from "@quantbook/sdk/backtest";
 * const rate: CommissionModel = 0.001;
 * const fixedPlusRate: CommissionModel = { fixed: 1, rate: 0.0005 };
 * const tiered: CommissionModel = (size, price) => Math.max(1, Math.abs(size) * price * 0.001);
 * ```
 */
export type CommissionModel =
  | number
  | { fixed?: number; rate?: number }
  | ((size: number, price: number) => number);

/**
 * Which execution and statistics conventions to use. `"default"` is quantbook's own (see
 * the README table); `"backtesting.py"` reproduces backtesting.py 0.6.6 (whole units sized
 * from all available equity, spread on entries only, its annualized return, volatility,
 * Sharpe, Sortino, Calmar, CAGR, SQN, Kelly, profit factor and drawdown definitions).
 *
 * @example
 * ```ts
 * import type { Conventions } from "@quantbook/sdk/backtest";
 * const c: Conventions = "backtesting.py";
 * ```
 */
export type Conventions = "default" | "backtesting.py";

/**
 * Options of the statistics (shared by {@linkcode BacktestOptions}).
 *
 * @example
 * ```ts
 * import type { StatsOptions } from "@quantbook/sdk/backtest";
 * const opts: StatsOptions = { barsPerYear: 365 * 24, riskFreeRate: 0.02 };
 * ```
 */
export interface StatsOptions {
  /**
   * Bars per year used to annualize. Default: inferred from the timestamps (median spacing:
   * daily bars give 252 without weekend bars or 365 with them, intraday bars give
   * 365.25 days / spacing). backtesting.py conventions ignore it and use their own rule.
   */
  barsPerYear?: number;
  /** Annual risk-free rate as a fraction (default 0). */
  riskFreeRate?: number;
  /** Statistics conventions (default `"default"`). */
  conventions?: Conventions;
  /**
   * Bars of indicator warm-up: buy & hold is measured from the close of bar `warmupBars`
   * (default 0). backtesting.py starts buy & hold after its indicators' warm-up, so pass
   * e.g. `slow - 1` for an SMA(fast, slow) strategy to match it.
   */
  warmupBars?: number;
}

/**
 * Options of {@linkcode backtest}. Every field is optional; defaults are listed per field.
 *
 * @example
 * ```ts
 * import type { BacktestOptions } from "@quantbook/sdk/backtest";
 * const opts: BacktestOptions = {
 *   initialCash: 10_000,
 *   commission: 0.001,
 *   slippageBps: 2,
 *   stopLossPct: 5,
 * };
 * ```
 */
export interface BacktestOptions extends StatsOptions {
  /** Starting cash (default 10,000). */
  initialCash?: number;
  /**
   * When a decision at bar i's close is filled: `"open"` (default) at bar i+1's open, or
   * `"close"` at bar i's close (optimistic: assumes you can trade the close you just saw).
   */
  fill?: "open" | "close";
  /** `"fractional"` (default; crypto) or `"whole"` units (rounded toward zero). */
  units?: "fractional" | "whole";
  /**
   * Fixed position size in units for |target| = 1 (target 0.5 holds size/2, -1 is short
   * size). Default: size from equity (target 1 = all equity).
   */
  size?: number;
  /** Maximum |target| (gross exposure / equity). Default 1; above 1 borrows cash. */
  leverage?: number;
  /** Commission per fill (default 0). */
  commission?: CommissionModel;
  /** Slippage in basis points of the price, always against you (default 0). */
  slippageBps?: number;
  /** Half of the bid-ask spread in price units, paid on every fill (default 0). */
  halfSpread?: number;
  /** Stop-loss distance in percent of the entry price (e.g. 5 = 5 %). Default: none. */
  stopLossPct?: number;
  /** Take-profit distance in percent of the entry price. Default: none. */
  takeProfitPct?: number;
  /**
   * Trailing stop distance in percent from the best price since entry (highest high of the
   * completed bars for longs, lowest low for shorts; the entry price at first). Default: none.
   */
  trailingStopPct?: number;
  /**
   * Close a position still open after the last bar at that bar's close, costs included, so
   * it appears in the ledger and the trade statistics (default true). With false, the
   * position stays open: equity marks it to market, the ledger lists closed trades only.
   */
  closeAtEnd?: boolean;
}

/**
 * Why a trade (or part of it) was closed.
 *
 * @example
 * ```ts
 * import type { ExitReason } from "@quantbook/sdk/backtest";
 * const r: ExitReason = "stopLoss";
 * ```
 */
export type ExitReason = "signal" | "stopLoss" | "takeProfit" | "trailingStop" | "end";

/**
 * The trade ledger, one row per closed trade (a partial close makes its own row), as
 * equal-length columns. Prices are fill prices (slippage included); `fees` are commissions
 * of the entry and exit fills; `pnl` is net of fees and slippage; `returnPct` is
 * `pnl / (|size| * entryPrice) * 100`; durations count bars from entry fill to exit fill.
 *
 * @example
 * ```ts
 * import type { TradeLedger } from "@quantbook/sdk/backtest";
 * function best(t: TradeLedger): number {
 *   return Math.max(...t.returnPct);
 * }
 * ```
 */
export interface TradeLedger {
  /** Bar index of the entry fill. */
  entryIndex: Float64Array;
  /** Bar index of the exit fill. */
  exitIndex: Float64Array;
  /** Timestamp (epoch µs) of the entry bar. */
  entryTime: Float64Array;
  /** Timestamp (epoch µs) of the exit bar. */
  exitTime: Float64Array;
  /** Entry fill price (slippage included). */
  entryPrice: Float64Array;
  /** Exit fill price (slippage included). */
  exitPrice: Float64Array;
  /** Signed size in units (negative = short). */
  size: Float64Array;
  /** Commissions paid on the entry and exit fills of this trade. */
  fees: Float64Array;
  /** Cost of slippage and half-spread on both fills, in cash (already inside the prices). */
  slippage: Float64Array;
  /** Net profit or loss in cash. */
  pnl: Float64Array;
  /** Net return on the entry notional, in percent. */
  returnPct: Float64Array;
  /** Bars between entry and exit fills. */
  durationBars: Float64Array;
  /** Why the trade was closed. */
  exitReason: ExitReason[];
}

/**
 * Backtest statistics. Every definition is written in lib/backtest/README.md; percent
 * values are in percent (12.5 = 12.5 %) and drawdowns are negative.
 *
 * @example
 * ```ts
 * import type { BacktestStats } from "@quantbook/sdk/backtest";
 * const summary = (s: BacktestStats) => `${s.totalReturnPct.toFixed(1)} % / Sharpe ${s.sharpe}`;
 * ```
 */
export interface BacktestStats {
  /** Equity at the first bar (the initial cash). */
  startValue: number;
  /** Equity after the last bar. */
  endValue: number;
  /** Highest equity. */
  equityPeak: number;
  /** `(endValue / startValue - 1) * 100`. */
  totalReturnPct: number;
  /** Long-only buy & hold: `(close[last] / close[warmupBars] - 1) * 100`. */
  buyHoldReturnPct: number;
  /** Compound annual growth over calendar time: `(end/start)^(365.25 days / span) - 1`. */
  cagrPct: number;
  /** Annualized return (default: geometric over bars; backtesting.py: its formula). */
  annReturnPct: number;
  /** Annualized volatility of returns. */
  annVolatilityPct: number;
  /** Sharpe ratio (annualized). */
  sharpe: number;
  /** Sortino ratio (annualized, downside deviation over all periods). */
  sortino: number;
  /** Annualized return (default: CAGR) over |max drawdown|. */
  calmar: number;
  /** Largest peak-to-trough fall of equity, in percent (negative). */
  maxDrawdownPct: number;
  /** Mean of the deepest point of each drawdown episode, in percent (negative). */
  avgDrawdownPct: number;
  /** Longest drawdown episode, in bars (peak to recovery, or to the end). */
  maxDrawdownBars: number;
  /** Longest drawdown episode in calendar days (from the timestamps). */
  maxDrawdownDays: number;
  /** Mean drawdown episode length in calendar days. */
  avgDrawdownDays: number;
  /** Share of trades with pnl > 0, in percent. */
  winRatePct: number;
  /** Best trade return, in percent. */
  bestTradePct: number;
  /** Worst trade return, in percent. */
  worstTradePct: number;
  /** Geometric mean trade return, in percent. */
  avgTradePct: number;
  /** Gross profit / gross loss (default: pnl; backtesting.py: trade returns). */
  profitFactor: number;
  /** Arithmetic mean trade return, in percent. */
  expectancyPct: number;
  /** System quality number: `sqrt(n) * mean(pnl) / std(pnl, ddof 1)`. */
  sqn: number;
  /** Kelly fraction: `winRate - (1 - winRate) / (avgWin / avgLoss)` on pnl. */
  kelly: number;
  /** Share of bars in the market, in percent. */
  exposurePct: number;
  /** Number of closed trades in the ledger. */
  numTrades: number;
  /** Longest trade in bars. */
  maxTradeBars: number;
  /** Mean trade length in bars. */
  avgTradeBars: number;
  /** Longest trade in calendar days (entry bar time to exit bar time). */
  maxTradeDays: number;
  /** Mean trade length in calendar days (backtesting.py: rounded up to whole days). */
  avgTradeDays: number;
  /** Total commissions paid. */
  totalFees: number;
  /** Total slippage and spread cost. */
  totalSlippage: number;
  /**
   * Beta of equity returns on the asset's returns (sample covariance / variance): simple bar
   * returns by default, log returns under backtesting.py conventions.
   */
  beta: number;
  /** `totalReturnPct - rf - beta * (buyHoldReturnPct - rf)` (rf in percent). */
  alphaPct: number;
  /** Bars per year used to annualize. */
  barsPerYear: number;
}

/**
 * Result of {@linkcode backtest}: input-aligned series and the trade ledger.
 *
 * @example
 * ```ts
 * import type { BacktestResult } from "@quantbook/sdk/backtest";
 * const last = (r: BacktestResult) => r.equity[r.equity.length - 1];
 * ```
 */
export interface BacktestResult {
  /** Cash plus positions marked at each bar's close. */
  equity: Float64Array;
  /** `equity[i] / equity[i-1] - 1` (NaN at bar 0). */
  returns: Float64Array;
  /** `equity[i] / max(equity[0..i]) - 1` (0 or negative). */
  drawdown: Float64Array;
  /** Signed units held at each bar's close. */
  positions: Float64Array;
  /** Cash at each bar's close. */
  cash: Float64Array;
  /** The trade ledger. */
  trades: TradeLedger;
  /** Statistics with pinned definitions. */
  stats: BacktestStats;
}
