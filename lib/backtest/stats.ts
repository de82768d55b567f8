import { assertSeries } from "../series/_validate.ts";
import { btpyPeriodReturns, inferBarsPerYear } from "./_annualize.ts";
import { drawdownSummary } from "./_drawdown.ts";
import type { BacktestStats, StatsOptions, TradeLedger } from "./types.ts";

const DAY_US = 86_400e6;
const YEAR_US = 365.25 * DAY_US;

/**
 * What {@linkcode computeStats} needs: the equity curve, its timestamps (epoch µs), the
 * traded close (for buy & hold and beta), the trade ledger and, optionally, the units held
 * at each close (for exposure under the default conventions).
 *
 * @example
 * ```ts
 * import type { StatsInput } from "@quantbook/sdk/backtest";
 * import { emptyTradeLedger } from "@quantbook/sdk/backtest";
 * const input: StatsInput = {
 *   equity: new Float64Array([100, 110]),
 *   timestamp: new Float64Array([0, 86_400e6]),
 *   close: new Float64Array([1, 1.1]),
 *   trades: emptyTradeLedger(),
 * };
 * ```
 */
export interface StatsInput {
  /** Equity at each bar's close. */
  equity: Float64Array;
  /** Bar timestamps, epoch microseconds. */
  timestamp: Float64Array;
  /** Close of the traded asset (buy & hold, beta). */
  close: Float64Array;
  /** Closed trades. */
  trades: TradeLedger;
  /** Units held at each close (default exposure); without it the ledger is used. */
  positions?: Float64Array;
}

/**
 * Computes the backtest statistics with pinned definitions (full table in
 * lib/backtest/README.md). Returns are per bar under the default conventions:
 *
 * - `annReturnPct = ((end/start)^(barsPerYear/(n-1)) - 1) * 100` (geometric, bar count);
 *   `cagrPct` uses calendar time: `(end/start)^(365.25 days / (t_last - t_first)) - 1`.
 * - `annVolatilityPct = std(r, ddof 1) * sqrt(barsPerYear) * 100`.
 * - `sharpe = (mean(r) - rf_bar) / std(r, ddof 1) * sqrt(barsPerYear)` with
 *   `rf_bar = (1 + riskFreeRate)^(1/barsPerYear) - 1`.
 * - `sortino = (mean(r) - rf_bar) / sqrt(mean(min(r - rf_bar, 0)^2)) * sqrt(barsPerYear)`
 *   (downside deviation over all bars).
 * - `calmar = cagr / |maxDrawdown|`.
 * - `profitFactor = sum(pnl > 0) / |sum(pnl < 0)|`; `exposurePct` = bars held at the close.
 *
 * `conventions: "backtesting.py"` switches to backtesting.py 0.6.6's formulas: daily
 * (calendar-day last) equity returns `d`, 252 or 365 periods per year by its weekend rule
 * (52/12/1 for weekly/monthly/yearly data), `g` = geometric mean of `d`,
 * `annReturn = (1+g)^P - 1`, `annVolatility = sqrt((var(d) + (1+g)^2)^P - (1+g)^(2P))`,
 * `sharpe = (annReturn% - rf%) / annVolatility%`,
 * `sortino = (annReturn - rf) / (sqrt(mean(min(d, 0)^2)) * sqrt(P))`,
 * `calmar = annReturn / |maxDrawdown|`, `cagr` over calendar years of 365.25 days, profit factor
 * on trade returns, exposure from each trade's entry to exit bar inclusive, drawdown durations
 * rounded up to whole days. Shared by both: win rate on pnl > 0, average trade = geometric
 * mean of trade returns, expectancy = arithmetic mean of trade returns,
 * `sqn = sqrt(n) * mean(pnl) / std(pnl, ddof 1)`,
 * `kelly = winRate - (1 - winRate) / (mean(winning pnl) / |mean(losing pnl)|)`, drawdown
 * episodes from a new high to the next new high (or the last bar).
 *
 * @example
 * ```ts
 * import { computeStats, emptyTradeLedger } from "@quantbook/sdk/backtest";
 * const day = 86_400e6;
 * const s = computeStats({
 *   equity: new Float64Array([100, 90, 99, 120]),
 *   timestamp: new Float64Array([0, 1, 2, 3].map((d) => d * day)),
 *   close: new Float64Array([10, 9, 9.9, 12]),
 *   trades: emptyTradeLedger(),
 * });
 * s.maxDrawdownPct; // -10
 * s.totalReturnPct; // 20
 * ```
 */
export function computeStats(input: StatsInput, options: StatsOptions = {}): BacktestStats {
  const { equity, timestamp: t, close, trades } = input;
  assertSeries("equity", equity);
  assertSeries("timestamp", t);
  assertSeries("close", close);
  const n = equity.length;
  if (t.length !== n || close.length !== n) {
    throw new RangeError(
      `equity (${n}), timestamp (${t.length}) and close (${close.length}) must have the same length`,
    );
  }
  if (n === 0) throw new RangeError("equity is empty: there is nothing to compute stats on");
  const btpy = options.conventions === "backtesting.py";
  const rf = options.riskFreeRate ?? 0;
  if (!Number.isFinite(rf) || rf <= -1 || rf >= 1) {
    throw new RangeError(`riskFreeRate must be an annual fraction in (-1, 1) (got ${rf})`);
  }
  const warmup = options.warmupBars ?? 0;
  if (!Number.isInteger(warmup) || warmup < 0 || warmup >= n) {
    throw new RangeError(`warmupBars must be an integer in [0, ${n - 1}] (got ${warmup})`);
  }

  const start = equity[0];
  const end = equity[n - 1];
  const totalReturnPct = (end - start) / start * 100;
  const buyHoldReturnPct = (close[n - 1] - close[warmup]) / close[warmup] * 100;
  const spanYears = (t[n - 1] - t[0]) / YEAR_US;
  const cagr = spanYears > 0 ? Math.pow(end / start, 1 / spanYears) - 1 : NaN;

  const dd = drawdownSummary(equity, t, DAY_US);
  const maxDd = dd.max;
  let beta = NaN;

  let barsPerYear: number;
  let annReturn: number;
  let annVol: number;
  let sharpe: number;
  let sortino: number;
  let calmar: number;
  if (btpy) {
    const { returns: d, periodsPerYear: p } = btpyPeriodReturns(equity, t);
    barsPerYear = p;
    const g = geometricMean(d);
    annReturn = Math.pow(1 + g, p) - 1;
    const v = variance(d);
    annVol = Math.sqrt(Math.pow(v + (1 + g) ** 2, p) - Math.pow(1 + g, 2 * p));
    sharpe = (annReturn * 100 - rf * 100) / (annVol * 100 || NaN);
    let down = 0;
    for (let k = 0; k < d.length; k++) if (d[k] < 0) down += d[k] * d[k];
    sortino = (annReturn - rf) / (Math.sqrt(down / d.length) * Math.sqrt(p));
    calmar = annReturn / (maxDd || NaN);
  } else {
    barsPerYear = options.barsPerYear ?? inferBarsPerYear(t);
    if (options.barsPerYear !== undefined && !(barsPerYear > 0 && Number.isFinite(barsPerYear))) {
      throw new RangeError(`barsPerYear must be a finite number > 0 (got ${barsPerYear})`);
    }
    const rfBar = Math.pow(1 + rf, 1 / barsPerYear) - 1;
    const mo = returnMoments(equity, close, rfBar);
    const { sum, sumSq, down } = mo;
    const m = n - 1;
    const mean = m > 0 ? sum / m : NaN;
    const sd = m > 1 ? Math.sqrt(Math.max(0, sumSq - sum * mean) / (m - 1)) : NaN;
    const root = Math.sqrt(barsPerYear);
    annReturn = m > 0 ? Math.pow(end / start, barsPerYear / m) - 1 : NaN;
    annVol = sd * root;
    sharpe = (mean - rfBar) / (sd || NaN) * root;
    sortino = (mean - rfBar) / (Math.sqrt(down / m) || NaN) * root;
    calmar = cagr / (maxDd || NaN);
    if (m > 1) {
      beta = (mo.sumEC - sum * mo.sumC / m) / (mo.sumCC - mo.sumC * mo.sumC / m);
    }
  }
  if (btpy && n > 2) beta = logBeta(equity, close);
  const alphaPct = totalReturnPct - rf * 100 - beta * (buyHoldReturnPct - rf * 100);

  const tr = tradeStats(trades, btpy);
  const exposed = !btpy && input.positions !== undefined
    ? countNonZero(input.positions)
    : barsInTrades(trades, n);

  return {
    startValue: start,
    endValue: end,
    equityPeak: dd.peak,
    totalReturnPct,
    buyHoldReturnPct,
    cagrPct: cagr * 100,
    annReturnPct: annReturn * 100,
    annVolatilityPct: annVol * 100,
    sharpe,
    sortino,
    calmar,
    maxDrawdownPct: -maxDd * 100,
    avgDrawdownPct: dd.count ? -dd.depthSum / dd.count * 100 : NaN,
    maxDrawdownBars: dd.maxBars,
    maxDrawdownDays: (btpy ? dd.roundedMaxSpan : dd.maxSpan) / DAY_US,
    avgDrawdownDays: dd.count
      ? (btpy ? Math.ceil(dd.spanSum / dd.count / DAY_US) : dd.spanSum / dd.count / DAY_US)
      : NaN,
    ...tr,
    exposurePct: exposed / n * 100,
    beta,
    alphaPct,
    barsPerYear,
  };
}

/** Moments of the bar returns of equity (`r`) and of the asset (`c`) in one pass. */
interface Moments {
  sum: number;
  sumSq: number;
  /** Sum of squared returns below `rfBar` (their shortfall). */
  down: number;
  sumC: number;
  sumCC: number;
  sumEC: number;
}

function returnMoments(equity: Float64Array, close: Float64Array, rfBar: number): Moments {
  let sum = 0, sumSq = 0, down = 0, sumC = 0, sumCC = 0, sumEC = 0;
  for (let i = 1; i < equity.length; i++) {
    const r = equity[i] / equity[i - 1] - 1;
    sum += r;
    sumSq += r * r;
    const ex = Math.min(r - rfBar, 0);
    down += ex * ex;
    const c = close[i] / close[i - 1] - 1;
    sumC += c;
    sumCC += c * c;
    sumEC += r * c;
  }
  return { sum, sumSq, down, sumC, sumCC, sumEC };
}

/**
 * Beta of equity log returns on the asset's log returns (sample covariance from sums; a bar
 * without a position has a zero log return, so its logarithm is skipped).
 */
function logBeta(equity: Float64Array, close: Float64Array): number {
  let sa = 0, sb = 0, sab = 0, sbb = 0;
  const n = equity.length;
  for (let i = 1; i < n; i++) {
    const e0 = equity[i - 1];
    const e1 = equity[i];
    const a = e1 === e0 ? 0 : Math.log(e1 / e0);
    const b = Math.log(close[i] / close[i - 1]);
    sa += a;
    sb += b;
    sab += a * b;
    sbb += b * b;
  }
  const m = n - 1;
  return (sab - sa * sb / m) / (sbb - sb * sb / m);
}

/** Bars with a non-zero position. */
function countNonZero(x: Float64Array): number {
  let k = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) k++;
  return k;
}

/** Bars from each trade's entry bar to its exit bar, inclusive (overlaps counted once). */
function barsInTrades(trades: TradeLedger, n: number): number {
  const held = new Uint8Array(n);
  for (let k = 0; k < trades.entryIndex.length; k++) {
    held.fill(1, trades.entryIndex[k], trades.exitIndex[k] + 1);
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += held[i];
  return count;
}

/** Sample variance (ddof 1), NaN below two values. */
function variance(x: Float64Array): number {
  const m = x.length;
  if (m < 2) return NaN;
  let s = 0;
  for (let i = 0; i < m; i++) s += x[i];
  const mu = s / m;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (x[i] - mu) ** 2;
  return ss / (m - 1);
}

/** backtesting.py's geometric mean: 0 when any 1 + r <= 0. */
function geometricMean(r: ArrayLike<number>): number {
  if (r.length === 0) return NaN;
  let logs = 0;
  for (let i = 0; i < r.length; i++) {
    const v = 1 + r[i];
    if (v <= 0) return 0;
    logs += Math.log(v);
  }
  return Math.exp(logs / r.length) - 1;
}

type TradeStats = Pick<
  BacktestStats,
  | "winRatePct"
  | "bestTradePct"
  | "worstTradePct"
  | "avgTradePct"
  | "profitFactor"
  | "expectancyPct"
  | "sqn"
  | "kelly"
  | "numTrades"
  | "maxTradeBars"
  | "avgTradeBars"
  | "maxTradeDays"
  | "avgTradeDays"
  | "totalFees"
  | "totalSlippage"
>;

function tradeStats(trades: TradeLedger, btpy: boolean): TradeStats {
  const k = trades.pnl.length;
  const pnl = trades.pnl;
  const ret = Float64Array.from(trades.returnPct, (v) => v / 100);
  let wins = 0, winSum = 0, lossSum = 0, nLoss = 0;
  let rPos = 0, rNeg = 0, rSum = 0, pSum = 0, best = -Infinity, worst = Infinity;
  let maxBars = 0, barsSum = 0, maxSpan = 0, spanSum = 0, fees = 0, slip = 0;
  for (let j = 0; j < k; j++) {
    const p = pnl[j];
    if (p > 0) {
      wins++;
      winSum += p;
    } else if (p < 0) {
      nLoss++;
      lossSum += p;
    }
    if (ret[j] > 0) rPos += ret[j];
    else if (ret[j] < 0) rNeg += ret[j];
    rSum += ret[j];
    pSum += p;
    if (ret[j] > best) best = ret[j];
    if (ret[j] < worst) worst = ret[j];
    const b = trades.durationBars[j];
    if (b > maxBars) maxBars = b;
    barsSum += b;
    const span = trades.exitTime[j] - trades.entryTime[j];
    if (span > maxSpan) maxSpan = span;
    spanSum += span;
    fees += trades.fees[j];
    slip += trades.slippage[j];
  }
  const pMean = pSum / k;
  let ss = 0;
  for (let j = 0; j < k; j++) ss += (pnl[j] - pMean) ** 2;
  const pStd = k > 1 ? Math.sqrt(ss / (k - 1)) : NaN;
  const winRate = k ? wins / k : NaN;
  return {
    winRatePct: winRate * 100,
    bestTradePct: k ? best * 100 : NaN,
    worstTradePct: k ? worst * 100 : NaN,
    avgTradePct: k ? geometricMean(ret) * 100 : NaN,
    profitFactor: btpy ? rPos / (Math.abs(rNeg) || NaN) : winSum / (Math.abs(lossSum) || NaN),
    expectancyPct: k ? rSum / k * 100 : NaN,
    sqn: Math.sqrt(k) * pMean / (pStd || NaN),
    kelly: winRate - (1 - winRate) / ((winSum / wins) / (-lossSum / nLoss)),
    numTrades: k,
    maxTradeBars: maxBars,
    avgTradeBars: k ? barsSum / k : NaN,
    maxTradeDays: k ? maxSpan / DAY_US : NaN,
    avgTradeDays: k ? (btpy ? Math.ceil(spanSum / k / DAY_US) : spanSum / k / DAY_US) : NaN,
    totalFees: fees,
    totalSlippage: slip,
  };
}
