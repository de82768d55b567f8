import type { Bars } from "../series/types.ts";
import { affordableUnits, fee, fillCosts, slipPrice } from "./_costs.ts";
import { LedgerBuilder } from "./_ledger.ts";
import { stopConfig, StopLevels } from "./_stops.ts";
import { badPrice, checkBars, checkHighLow } from "./_validate.ts";
import { computeStats } from "./stats.ts";
import type {
  BacktestStats,
  CommissionModel,
  ExitReason,
  StatsOptions,
  TradeLedger,
} from "./types.ts";

/**
 * Options of {@linkcode backtestPortfolio}. Every field is optional.
 *
 * @example
 * ```ts
 * import type { PortfolioOptions } from "@quantbook/sdk/backtest";
 * const opts: PortfolioOptions = { maxPositions: 5, rebalanceBand: 0.02, commission: 0.001 };
 * ```
 */
export interface PortfolioOptions extends Omit<StatsOptions, "conventions" | "warmupBars"> {
  /** Starting cash (default 10,000). */
  initialCash?: number;
  /** `"open"` (default: bar i+1's open) or `"close"` (bar i's close). */
  fill?: "open" | "close";
  /** `"fractional"` (default) or `"whole"` units. */
  units?: "fractional" | "whole";
  /** Maximum gross exposure, sum of |weights| (default 1). */
  leverage?: number;
  /** Commission per fill (default 0). */
  commission?: CommissionModel;
  /** Slippage in basis points, against you on every fill (default 0). */
  slippageBps?: number;
  /** Half-spread in price units, paid on every fill (default 0). */
  halfSpread?: number;
  /**
   * Hold at most this many assets: when more targets are non-zero at a bar, the largest
   * |weights| are kept (ties: first symbol) and the rest are set to 0. Default: no cap.
   */
  maxPositions?: number;
  /**
   * Rebalance band: besides target changes, also trade an asset when its actual weight has
   * drifted more than this (absolute, e.g. 0.02) from its target. Default: trade only on
   * target changes.
   */
  rebalanceBand?: number;
  /**
   * Stop-loss per asset in percent of its entry fill (e.g. 5 = 5 %), with the rules of
   * {@linkcode backtest}: checked intrabar from high and low, filled at the stop or at a
   * gapping open, the stop first when the take-profit could trigger in the same bar.
   * Default: none.
   */
  stopLossPct?: number;
  /** Take-profit per asset in percent of its entry fill. Default: none. */
  takeProfitPct?: number;
  /** Trailing stop per asset in percent from its best high (long) or low (short). Default: none. */
  trailingStopPct?: number;
  /** Close all positions at the last close (default true). */
  closeAtEnd?: boolean;
}

/**
 * Result of {@linkcode backtestPortfolio}.
 *
 * @example
 * ```ts
 * import type { PortfolioResult } from "@quantbook/sdk/backtest";
 * const maxGross = (r: PortfolioResult) => Math.max(...r.grossExposure);
 * ```
 */
export interface PortfolioResult {
  /** Cash plus all positions marked at each close. */
  equity: Float64Array;
  /** Bar returns of equity (NaN at bar 0). */
  returns: Float64Array;
  /** `equity / running max - 1`. */
  drawdown: Float64Array;
  /** Cash at each close. */
  cash: Float64Array;
  /** Units held per symbol at each close. */
  positions: Record<string, Float64Array>;
  /** Actual weight (position value / equity) per symbol at each close. */
  weights: Record<string, Float64Array>;
  /** Sum of |position values| / equity at each close. */
  grossExposure: Float64Array;
  /** Sum of position values / equity at each close. */
  netExposure: Float64Array;
  /** All closed trades, with the symbol of each. */
  trades: TradeLedger & { symbol: string[] };
  /**
   * Statistics (default conventions); buy & hold and beta use the equal-weight index of the
   * assets' closes (each rebased to 1), exposure counts bars with any position.
   */
  stats: BacktestStats;
}

/**
 * Multi-asset backtest with one shared cash account. `targetsBySymbol[s][i]` is asset s's
 * target weight decided at bar i's close (signed, fraction of equity; NaN = keep), with the
 * sum of |weights| at most `leverage`. All assets must share the same timestamps.
 *
 * At a decision bar, an asset trades when its (capped) target changes, or, with
 * `rebalanceBand`, when its actual weight drifted more than the band from its target. Fills
 * use the same equity for every asset: reductions and closes execute first, then the
 * increases, each sized to `target * equity / price` with commission and slippage budgeted;
 * without leverage, increases are scaled down together if cash would go negative (and a
 * commission function that charges more than it quoted raises an error naming the bar).
 * Nothing new opens once equity is 0 or less. Costs as in {@linkcode backtest}.
 *
 * Stops (`stopLossPct`, `takeProfitPct`, `trailingStopPct`) apply to each asset on its own,
 * with the single-asset rules; a stopped asset stays flat (the rebalance band ignores it)
 * until its target changes, and keeps its `maxPositions` slot while its target stays.
 *
 * @example
 * ```ts
 * import { backtestPortfolio } from "@quantbook/sdk/backtest";
 * const day = 86_400e6;
 * const mk = (c: number[]) => {
 *   const close = Float64Array.from(c);
 *   return {
 *     timestamp: Float64Array.from(c, (_, i) => i * day),
 *     open: close, high: close, low: close, close,
 *     volume: new Float64Array(c.length),
 *   };
 * };
 * const r = backtestPortfolio(
 *   { BTC: mk([100, 110, 121]), ETH: mk([10, 10, 10]) },
 *   { BTC: new Float64Array([0.5, NaN, NaN]), ETH: new Float64Array([0.5, NaN, NaN]) },
 *   { fill: "close" },
 * );
 * r.equity; // [10000, 10500, 11050]
 * ```
 */
export function backtestPortfolio(
  barsBySymbol: Record<string, Bars>,
  targetsBySymbol: Record<string, Float64Array>,
  options: PortfolioOptions = {},
): PortfolioResult {
  const symbols = Object.keys(barsBySymbol);
  if (symbols.length === 0) throw new RangeError("barsBySymbol is empty: give at least one asset");
  const n = checkBars(`barsBySymbol.${symbols[0]}`, barsBySymbol[symbols[0]]);
  const time = barsBySymbol[symbols[0]].timestamp;
  for (const s of symbols) {
    checkBars(`barsBySymbol.${s}`, barsBySymbol[s]);
    const t = barsBySymbol[s].timestamp;
    const bad = t.length !== n ? Math.min(t.length, n) : t.findIndex((v, i) => v !== time[i]);
    if (bad >= 0) {
      throw new RangeError(
        `barsBySymbol.${s}.timestamp differs from ${symbols[0]}'s at index ${bad}; align all ` +
          `assets to the same bars first (e.g. forward-fill missing bars)`,
      );
    }
    const tg = targetsBySymbol[s];
    if (!(tg instanceof Float64Array) || tg.length !== n) {
      throw new RangeError(
        `targetsBySymbol.${s} must be a Float64Array with one weight per bar (${n})`,
      );
    }
  }
  for (const s of Object.keys(targetsBySymbol)) {
    if (!(s in barsBySymbol)) {
      throw new RangeError(`targetsBySymbol.${s} has no bars; add barsBySymbol.${s} or drop it`);
    }
  }
  const leverage = options.leverage ?? 1;
  if (!(leverage > 0) || !Number.isFinite(leverage)) {
    throw new RangeError(`leverage must be a finite number > 0 (got ${leverage})`);
  }
  const maxPositions = options.maxPositions ?? Infinity;
  if (!(maxPositions >= 1) || (maxPositions !== Infinity && !Number.isInteger(maxPositions))) {
    throw new RangeError(`maxPositions must be an integer >= 1 (got ${maxPositions})`);
  }
  const band = options.rebalanceBand;
  if (band !== undefined && !(band >= 0 && Number.isFinite(band))) {
    throw new RangeError(`rebalanceBand must be a weight drift >= 0, e.g. 0.02 (got ${band})`);
  }
  const { model: costs, bps, halfSpread } = fillCosts(options);
  const stopCfg = stopConfig(options);
  const whole = options.units === "whole";
  const fillAtClose = options.fill === "close";
  const m = symbols.length;
  const bars = symbols.map((s) => barsBySymbol[s]);
  const targets = symbols.map((s) => targetsBySymbol[s]);
  const stops = symbols.map(() => new StopLevels(stopCfg));

  let cash = options.initialCash ?? 10_000;
  if (!(cash > 0) || !Number.isFinite(cash)) {
    throw new RangeError(`initialCash must be a finite amount > 0 (got ${cash})`);
  }
  const units = new Float64Array(m);
  const lots: { units: number; price: number; index: number; fee: number; slip: number }[][] =
    symbols.map(() => []);
  const ledger = new LedgerBuilder();
  const ledgerSymbol: string[] = [];
  const wanted = new Float64Array(m).fill(NaN); // raw targets (NaN = none yet)
  const effective = new Float64Array(m); // after the maxPositions cap
  const lastTraded = new Float64Array(m).fill(NaN);
  const flagged = new Uint8Array(m);
  const stopped = new Uint8Array(m); // exited by a stop, flat until the target changes
  let pending = false;

  const equity = new Float64Array(n);
  const cashOut = new Float64Array(n);
  const gross = new Float64Array(n);
  const net = new Float64Array(n);
  const positions = symbols.map(() => new Float64Array(n));
  const weights = symbols.map(() => new Float64Array(n));

  const price = (k: number, i: number, col: "open" | "close") => {
    const p = bars[k][col][i];
    if (!(p > 0) || p === Infinity) badPrice(`barsBySymbol.${symbols[k]}`, col, i, p);
    return p;
  };

  const closeUnits = (k: number, qty: number, i: number, p: number, reason: ExitReason) => {
    const side = Math.sign(units[k]);
    const fill = slipPrice(p, -side, bps, halfSpread);
    const orderFee = fee(costs, -side * qty, fill);
    let left = qty;
    const book = lots[k];
    while (left > 0 && book.length > 0) {
      const lot = book[0];
      const take = Math.min(left, Math.abs(lot.units));
      const part = take / Math.abs(lot.units);
      const signed = Math.sign(lot.units) * take;
      const exitFee = orderFee * take / qty;
      ledger.push(
        lot.index,
        i,
        time[lot.index],
        time[i],
        lot.price,
        fill,
        signed,
        lot.fee * part + exitFee,
        lot.slip * part + take * Math.abs(fill - p),
        reason,
      );
      ledgerSymbol.push(symbols[k]);
      cash += signed * fill - exitFee;
      left -= take;
      if (part >= 1 - 1e-12) book.shift();
      else {
        lot.units -= signed;
        lot.fee -= lot.fee * part;
        lot.slip -= lot.slip * part;
      }
    }
    units[k] -= side * qty;
    if (book.length === 0 || Math.abs(units[k]) < 1e-12) units[k] = 0;
  };

  const openUnits = (k: number, qty: number, i: number, p: number) => {
    const fill = slipPrice(p, Math.sign(qty), bps, halfSpread);
    const f = fee(costs, qty, fill);
    cash -= qty * fill + f;
    if (units[k] === 0) stops[k].arm(qty > 0, fill);
    units[k] += qty;
    lots[k].push({
      units: qty,
      price: fill,
      index: i,
      fee: f,
      slip: Math.abs(qty) * Math.abs(fill - p),
    });
  };

  /** Cash that buying `q[k]` units (those > 0) at `px` costs, scaled by `scale`. */
  const buyCost = (q: Float64Array, px: number[], scale: number) => {
    let spend = 0;
    for (let k = 0; k < m; k++) {
      if (q[k] <= 0) continue;
      let qty = q[k] * scale;
      if (whole) qty = Math.trunc(qty);
      const fill = slipPrice(px[k], 1, bps, halfSpread);
      spend += qty * fill + fee(costs, qty, fill);
    }
    return spend;
  };

  const execute = (i: number, col: "open" | "close") => {
    const px = symbols.map((_, k) => (flagged[k] || units[k] !== 0 ? price(k, i, col) : NaN));
    // 1. Closes and reductions.
    for (let k = 0; k < m; k++) {
      if (!flagged[k] || units[k] === 0) continue;
      const w = effective[k];
      if (w === 0 || Math.sign(w) !== Math.sign(units[k])) {
        closeUnits(k, Math.abs(units[k]), i, px[k], "signal");
      }
    }
    let value = cash;
    for (let k = 0; k < m; k++) if (units[k] !== 0) value += units[k] * px[k];
    const buys = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      if (!flagged[k]) continue;
      const want = effective[k] * value;
      const held = units[k] * px[k];
      if (Math.abs(want) < Math.abs(held)) {
        let d = want / px[k];
        if (whole) d = Math.trunc(d);
        if (d !== units[k]) closeUnits(k, Math.abs(units[k] - d), i, px[k], "signal");
      } else if (want !== 0 && value > 0) {
        buys[k] = affordableUnits(
          costs,
          Math.abs(want - held),
          px[k],
          Math.sign(want),
          bps,
          halfSpread,
        );
      }
    }
    // 2. Increases, scaled down together when cash would go negative without leverage.
    let scale = 1;
    const full = buyCost(buys, px, 1);
    if (leverage <= 1 && full > Math.max(0, cash)) {
      // Fixed fees do not shrink with the orders: scale the rest, then correct for a fee
      // function's curvature.
      let fixed = 0;
      if (costs.fn === undefined) {
        for (let k = 0; k < m; k++) if (buys[k] > 0) fixed += costs.fixed;
      }
      scale = Math.max(0, cash - fixed) / (full - fixed);
      for (let round = 0; round < 4 && buyCost(buys, px, scale) > Math.max(0, cash); round++) {
        scale *= Math.max(0, cash) / buyCost(buys, px, scale);
      }
    }
    let bought = false;
    for (let k = 0; k < m; k++) {
      let q = buys[k] > 0 ? buys[k] * scale : buys[k];
      if (whole) q = Math.trunc(q);
      if (q !== 0) openUnits(k, q, i, px[k]);
      bought ||= q > 0;
    }
    flagged.fill(0);
    if (bought && leverage <= 1 && cash < -1e-9 * Math.max(1, value)) {
      throw new Error(
        `cash went negative (${cash.toFixed(2)}) at bar ${i} after the portfolio's buys: the ` +
          `orders cost more than the cash (a commission function charging more than it ` +
          `quoted?); make the fee grow with the order size or pass { leverage } above 1`,
      );
    }
  };

  const hitStops = (i: number) => {
    for (let k = 0; k < m; k++) {
      if (units[k] === 0) continue;
      const h = bars[k].high[i];
      const l = bars[k].low[i];
      checkHighLow(`barsBySymbol.${symbols[k]}`, i, h, l);
      if (stops[k].touched(h, l)) {
        const reason = stops[k].exit(price(k, i, "open"), h, l);
        closeUnits(k, Math.abs(units[k]), i, stops[k].exitPrice, reason);
        stopped[k] = 1;
      } else {
        stops[k].trail(h, l);
      }
    }
  };

  const decide = (i: number) => {
    for (let k = 0; k < m; k++) {
      const t = targets[k][i];
      if (t === t) wanted[k] = t;
    }
    // maxPositions: keep the largest |weights|.
    const active: number[] = [];
    for (let k = 0; k < m; k++) {
      effective[k] = wanted[k] === wanted[k] ? wanted[k] : 0;
      if (effective[k] !== 0) active.push(k);
    }
    if (active.length > maxPositions) {
      active.sort((a, b) => Math.abs(effective[b]) - Math.abs(effective[a]) || a - b);
      for (const k of active.slice(maxPositions)) effective[k] = 0;
    }
    let sumAbs = 0;
    for (let k = 0; k < m; k++) sumAbs += Math.abs(effective[k]);
    if (sumAbs > leverage + 1e-9) {
      throw new RangeError(
        `target weights at bar ${i} sum to ${sumAbs} in absolute value, above the leverage ` +
          `${leverage}; scale the weights or pass { leverage: ${Math.ceil(sumAbs)} }`,
      );
    }
    let any = false;
    for (let k = 0; k < m; k++) {
      const changed = effective[k] !== lastTraded[k] &&
        !(effective[k] === 0 && lastTraded[k] !== lastTraded[k]);
      if (changed) stopped[k] = 0;
      let drift = false;
      if (band !== undefined && equity[i] > 0 && !stopped[k]) {
        const w = units[k] * bars[k].close[i] / equity[i];
        drift = Math.abs(w - effective[k]) > band && lastTraded[k] === lastTraded[k];
      }
      if (changed || drift) {
        flagged[k] = 1;
        lastTraded[k] = effective[k];
        any = true;
      }
    }
    return any;
  };

  for (let i = 0; i < n; i++) {
    if (pending) {
      execute(i, "open");
      pending = false;
    }
    if (stopCfg.any) hitStops(i);
    // Mark to market, then decide at this close.
    let value = cash;
    for (let k = 0; k < m; k++) if (units[k] !== 0) value += units[k] * price(k, i, "close");
    equity[i] = value;
    if (decide(i)) {
      if (fillAtClose && i < n - 1) execute(i, "close");
      else if (!fillAtClose) pending = true;
    }
    mark(i);
  }
  if ((options.closeAtEnd ?? true) && n > 0) {
    for (let k = 0; k < m; k++) {
      if (units[k] !== 0) {
        closeUnits(k, Math.abs(units[k]), n - 1, price(k, n - 1, "close"), "end");
      }
    }
    mark(n - 1);
  }

  function mark(i: number): void {
    let value = cash;
    for (let k = 0; k < m; k++) if (units[k] !== 0) value += units[k] * bars[k].close[i];
    equity[i] = value;
    cashOut[i] = cash;
    let g = 0;
    let s = 0;
    for (let k = 0; k < m; k++) {
      const v = units[k] * bars[k].close[i];
      positions[k][i] = units[k];
      weights[k][i] = v / value;
      g += Math.abs(v);
      s += v;
    }
    gross[i] = g / value;
    net[i] = s / value;
  }

  const returns = new Float64Array(n);
  const drawdown = new Float64Array(n);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    returns[i] = i === 0 ? NaN : equity[i] / equity[i - 1] - 1;
    peak = Math.max(peak, equity[i]);
    drawdown[i] = equity[i] / peak - 1;
  }
  const index = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    const c = bars[k].close;
    for (let i = 0; i < n; i++) index[i] += c[i] / c[0] / m;
  }
  const trades = { ...ledger.build(), symbol: ledgerSymbol };
  const stats = computeStats({ equity, timestamp: time, close: index, trades, positions: gross }, {
    barsPerYear: options.barsPerYear,
    riskFreeRate: options.riskFreeRate,
  });
  const bySymbol = (arrays: Float64Array[]) =>
    Object.fromEntries(symbols.map((s, k) => [s, arrays[k]]));
  return {
    equity,
    returns,
    drawdown,
    cash: cashOut,
    positions: bySymbol(positions),
    weights: bySymbol(weights),
    grossExposure: gross,
    netExposure: net,
    trades,
    stats,
  };
}
