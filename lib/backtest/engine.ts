import type { Bars } from "../series/types.ts";
import { affordableUnits, type CostModel, fee, fillCosts, slipPrice } from "./_costs.ts";
import { LedgerBuilder } from "./_ledger.ts";
import { pyFloorDiv } from "./_pyfloor.ts";
import { type StopConfig, stopConfig, StopLevels } from "./_stops.ts";
import { badPrice, checkBars, checkHighLow, checkTargets } from "./_validate.ts";
import { computeStats } from "./stats.ts";
import type { BacktestOptions, BacktestResult, ExitReason } from "./types.ts";

/** backtesting.py's default order size, `1 - sys.float_info.epsilon`. */
const BTPY_ALL_IN = 1 - 2.220446049250313e-16;

/**
 * Vectorized single-asset backtest of target exposures.
 *
 * `targets[i]` is the signed exposure decided at bar i's close: `1` = all equity long, `-1` =
 * all equity short, `0` = flat, `NaN` = keep the position (leading NaNs = flat). A trade
 * happens only when the target changes; by default it fills at bar i+1's open
 * (`fill: "close"` fills at bar i's close). Closing fills execute before opening ones, so a
 * flip from long to short closes the long, then sizes the short from the equity left.
 *
 * Sizing: `|target| * equity` at the fill price, with the fill's commission and slippage
 * budgeted so cash never goes negative without leverage; `units: "whole"` rounds toward zero;
 * `size` fixes the units per unit of target. Costs: `commission` (rate, fixed + rate, or a
 * function of size and price) on every fill, `slippageBps` and `halfSpread` against you on
 * every fill; all appear per trade in the ledger (`fees`, `slippage`) and in the stats.
 *
 * Stops (percent of the entry fill, set when a position opens from flat): evaluated intrabar
 * from each bar's high and low after that bar's open fill. A stop fills at the stop price, or
 * at the open when the bar gaps past it; when the stop and the take-profit could both trigger
 * in one bar, the adverse one (the stop) is taken. After a stop exit the position stays flat
 * until the target changes. The trailing level follows the best high (long) or low (short) of
 * the completed bars since entry.
 *
 * `conventions: "backtesting.py"` reproduces backtesting.py 0.6.6: whole units sized as
 * `floor(available_margin * leverage * fraction / (entry_price * (1 + spread) + commission
 * per unit))` with fraction `1 - 2^-52`, spread (`slippageBps`) on entries only, exits at the
 * raw price, commission on both fills, open trades closed at the last bar's close, and its
 * statistics (see {@linkcode computeStats}).
 *
 * @example
 * ```ts
 * import { backtest } from "@quantbook/sdk/backtest";
 * const bars = {
 *   timestamp: new Float64Array([0, 1, 2, 3].map((d) => d * 86_400e6)),
 *   open: new Float64Array([10, 10, 11, 12]),
 *   high: new Float64Array([10, 11, 12, 13]),
 *   low: new Float64Array([10, 10, 11, 12]),
 *   close: new Float64Array([10, 11, 12, 13]),
 *   volume: new Float64Array(4),
 * };
 * const r = backtest(bars, new Float64Array([1, NaN, NaN, NaN]));
 * r.trades.entryPrice; // [10] (bar 1's open)
 * r.stats.totalReturnPct; // 30
 * ```
 */
export function backtest(
  bars: Bars,
  targets: Float64Array,
  options: BacktestOptions = {},
): BacktestResult {
  const n = checkBars("bars", bars);
  if (n === 0) throw new RangeError("bars are empty: a backtest needs at least one bar");
  const leverage = options.leverage ?? 1;
  if (!Number.isFinite(leverage) || leverage <= 0) {
    throw new RangeError(`leverage must be a finite number > 0 (got ${leverage})`);
  }
  checkTargets("targets", targets, n, leverage);
  const initialCash = options.initialCash ?? 10_000;
  if (!Number.isFinite(initialCash) || initialCash <= 0) {
    throw new RangeError(`initialCash must be a finite amount > 0 (got ${initialCash})`);
  }
  const fixedSize = options.size;
  if (fixedSize !== undefined && (!Number.isFinite(fixedSize) || fixedSize <= 0)) {
    throw new RangeError(`size must be a finite number of units > 0 (got ${fixedSize})`);
  }
  const fillAtClose = (options.fill ?? "open") === "close";
  if (options.fill !== undefined && options.fill !== "open" && options.fill !== "close") {
    throw new RangeError(`fill must be "open" or "close" (got ${options.fill})`);
  }
  if (options.units !== undefined && options.units !== "fractional" && options.units !== "whole") {
    throw new RangeError(`units must be "fractional" or "whole" (got ${options.units})`);
  }
  const conventions = options.conventions ?? "default";
  if (conventions !== "default" && conventions !== "backtesting.py") {
    throw new RangeError(`conventions must be "default" or "backtesting.py" (got ${conventions})`);
  }
  const btpy = conventions === "backtesting.py";
  const whole = btpy || options.units === "whole";
  const { model: costs, bps, halfSpread } = fillCosts(options);
  const stopCfg = stopConfig(options);

  const engine = new SingleAssetEngine(bars, costs, {
    initialCash,
    leverage,
    fixedSize,
    whole,
    btpy,
    bps,
    halfSpread,
    stops: stopCfg,
  });
  const { close } = bars;
  const equity = new Float64Array(n);
  const positions = new Float64Array(n);
  const cash = new Float64Array(n);
  runBars(engine, bars, targets, fillAtClose, stopCfg, equity, positions, cash);
  if ((options.closeAtEnd ?? true) && engine.units !== 0 && n > 0) {
    engine.closeAll(n - 1, close[n - 1], "end");
    equity[n - 1] = engine.cash;
    positions[n - 1] = 0;
    cash[n - 1] = engine.cash;
  }
  const returns = new Float64Array(n);
  const drawdown = new Float64Array(n);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    returns[i] = i === 0 ? NaN : equity[i] / equity[i - 1] - 1;
    if (equity[i] > peak) peak = equity[i];
    drawdown[i] = equity[i] / peak - 1;
  }
  const trades = engine.ledger.build();
  const stats = computeStats(
    { equity, timestamp: bars.timestamp, close, trades, positions },
    options,
  );
  return { equity, returns, drawdown, positions, cash, trades, stats };
}

/**
 * The bar loop: fills, stops, decisions and marking. Kept in its own small function so the
 * optimizing compiler compiles it quickly and reuses it across calls.
 */
function runBars(
  engine: SingleAssetEngine,
  bars: Bars,
  targets: Float64Array,
  fillAtClose: boolean,
  stopCfg: StopConfig,
  equity: Float64Array,
  positions: Float64Array,
  cash: Float64Array,
): void {
  const { open, high, low, close } = bars;
  const n = close.length;
  const stops = engine.stops;
  const hasStops = stopCfg.any;
  const hasTrail = stopCfg.trPct === stopCfg.trPct;
  let lastTarget = NaN;
  let pending = NaN;
  for (let i = 0; i < n; i++) {
    if (pending === pending) {
      const o = open[i];
      if (!(o > 0) || o === Infinity) badPrice("bars", "open", i, o);
      engine.rebalance(pending, i, o);
      pending = NaN;
    }
    if (hasStops && engine.units !== 0) {
      const h = high[i];
      const l = low[i];
      checkHighLow("bars", i, h, l);
      if (stops.touched(h, l)) engine.hitStops(i, open[i], h, l);
      else if (hasTrail) stops.trail(h, l);
    }
    const t = targets[i];
    const decide = t === t && t !== lastTarget;
    if (decide) lastTarget = t;
    if (decide && fillAtClose && i < n - 1) {
      const c = close[i];
      if (!(c > 0) || c === Infinity) badPrice("bars", "close", i, c);
      engine.rebalance(t, i, c);
    } else if (decide && !fillAtClose) {
      pending = t;
    }
    const u = engine.units;
    if (u !== 0) {
      const c = close[i];
      if (!(c > 0) || c === Infinity) badPrice("bars", "close", i, c);
      equity[i] = engine.cash + u * c;
    } else {
      equity[i] = engine.cash;
    }
    positions[i] = u;
    cash[i] = engine.cash;
  }
}

interface EngineConfig {
  initialCash: number;
  leverage: number;
  fixedSize: number | undefined;
  whole: boolean;
  btpy: boolean;
  bps: number;
  halfSpread: number;
  stops: StopConfig;
}

/** Cash, FIFO lots and the ledger of one asset; fills, sizing and stops. */
class SingleAssetEngine {
  cash: number;
  units = 0;
  readonly ledger: LedgerBuilder = new LedgerBuilder();
  #lotUnits: number[] = [];
  #lotPrice: number[] = [];
  #lotIndex: number[] = [];
  #lotFee: number[] = [];
  #lotSlip: number[] = [];
  /** Stop levels of the open position. */
  readonly stops: StopLevels;
  readonly #bars: Bars;
  readonly #costs: CostModel;
  readonly #cfg: EngineConfig;

  constructor(bars: Bars, costs: CostModel, cfg: EngineConfig) {
    this.#bars = bars;
    this.#costs = costs;
    this.#cfg = cfg;
    this.cash = cfg.initialCash;
    this.stops = new StopLevels(cfg.stops);
  }

  /** Moves the position to `target` exposure at raw price `price` on bar `i`. */
  rebalance(target: number, i: number, price: number): void {
    const u = this.units;
    if (u !== 0 && (target === 0 || Math.sign(target) !== Math.sign(u))) {
      this.closeAll(i, price, "signal");
    }
    if (target === 0) return;
    // A bankrupt account (equity <= 0) opens nothing new.
    if (this.cash + this.units * price <= 0 && this.units * target >= 0) return;
    const delta = this.#cfg.btpy
      ? this.#btpyDelta(target, i, price)
      : this.#desired(target, price) - this.units;
    if (delta === 0 || Math.abs(delta) < 1e-12 * Math.max(1, Math.abs(this.units))) return;
    if (delta * this.units < 0) this.#close(Math.abs(delta), i, price, "signal");
    else this.#open(delta, i, price);
    if (this.#cfg.leverage <= 1 && this.cash < -1e-9 * Math.max(1, Math.abs(this.cash))) {
      throw new Error(
        `cash went negative (${this.cash.toFixed(2)}) at bar ${i} after filling target ` +
          `${target}: the position costs more than the equity; lower size or pass ` +
          `{ leverage } above 1 to allow borrowing`,
      );
    }
  }

  /** Final signed units for `target` under quantbook's sizing. */
  #desired(target: number, price: number): number {
    const cfg = this.#cfg;
    const u = this.units;
    let d: number;
    if (cfg.fixedSize !== undefined) {
      d = target * cfg.fixedSize;
    } else {
      const equity = this.cash + u * price;
      const wanted = target * equity;
      const held = u * price;
      if (Math.abs(wanted) <= Math.abs(held)) {
        d = wanted / price;
      } else {
        const notional = Math.abs(wanted - held);
        d = u +
          affordableUnits(this.#costs, notional, price, Math.sign(wanted), cfg.bps, cfg.halfSpread);
      }
    }
    return cfg.whole ? Math.trunc(d) : d;
  }

  /** Order size in units under backtesting.py's sizing (0 when it would cancel the order). */
  #btpyDelta(target: number, i: number, price: number): number {
    const cfg = this.#cfg;
    const side = Math.sign(target);
    const mark = this.#bars.close[i];
    const equity = this.cash + this.units * mark;
    const available = Math.max(0, equity - Math.abs(this.units) * mark / cfg.leverage);
    const adjusted = price * (1 + side * cfg.bps * 1e-4) + side * cfg.halfSpread;
    if (cfg.fixedSize !== undefined) {
      const want = Math.trunc(target * cfg.fixedSize) - this.units;
      if (want * side <= 0) return want;
      const perUnit = adjusted + fee(this.#costs, want, price) / Math.abs(want);
      return Math.abs(want) * perUnit > available * cfg.leverage ? 0 : want;
    }
    const heldShare = Math.abs(this.units) * mark / (available * cfg.leverage || Infinity);
    const fraction = Math.min(BTPY_ALL_IN, Math.abs(target) / cfg.leverage - heldShare);
    if (!(fraction > 0)) return 0;
    const perUnit = adjusted + fee(this.#costs, side * fraction, price) / fraction;
    const units = pyFloorDiv(available * cfg.leverage * fraction, perUnit);
    if (units <= 0 || units * perUnit > available * cfg.leverage) return 0;
    return side * units;
  }

  /** Opens a lot of `qty` signed units at raw price `price`. */
  #open(qty: number, i: number, price: number): void {
    const cfg = this.#cfg;
    const side = Math.sign(qty);
    const fill = slipPrice(price, side, cfg.bps, cfg.halfSpread);
    const f = fee(this.#costs, qty, fill);
    this.cash -= qty * fill + f;
    const fromFlat = this.units === 0;
    this.units += qty;
    if (fromFlat) this.stops.arm(qty > 0, fill);
    this.#lotUnits.push(qty);
    this.#lotPrice.push(fill);
    this.#lotIndex.push(i);
    this.#lotFee.push(f);
    this.#lotSlip.push(Math.abs(qty) * Math.abs(fill - price));
  }

  /** Closes the whole position at raw price `price`. */
  closeAll(i: number, price: number, reason: ExitReason): void {
    this.#close(Math.abs(this.units), i, price, reason);
    this.units = 0;
  }

  /** Closes `qty` (> 0) units FIFO at raw price `price`. */
  #close(qty: number, i: number, price: number, reason: ExitReason): void {
    const cfg = this.#cfg;
    const posSide = Math.sign(this.units);
    const fill = cfg.btpy ? price : slipPrice(price, -posSide, cfg.bps, cfg.halfSpread);
    const orderFee = cfg.btpy ? 0 : fee(this.#costs, -posSide * qty, fill);
    const time = this.#bars.timestamp;
    let left = qty;
    while (left > 0 && this.#lotUnits.length > 0) {
      const lot = this.#lotUnits[0];
      const take = Math.min(left, Math.abs(lot));
      const part = take / Math.abs(lot);
      const signed = Math.sign(lot) * take;
      const entry = this.#lotPrice[0];
      const entryFee = cfg.btpy ? fee(this.#costs, signed, entry) : this.#lotFee[0] * part;
      const exitFee = cfg.btpy ? fee(this.#costs, signed, fill) : orderFee * take / qty;
      const slip = this.#lotSlip[0] * part + take * Math.abs(fill - price);
      this.ledger.push(
        this.#lotIndex[0],
        i,
        time[this.#lotIndex[0]],
        time[i],
        entry,
        fill,
        signed,
        entryFee + exitFee,
        slip,
        reason,
      );
      this.cash += signed * fill - exitFee;
      left -= take;
      if (take >= Math.abs(lot) - 1e-12 * Math.abs(lot)) {
        this.#lotUnits.shift();
        this.#lotPrice.shift();
        this.#lotIndex.shift();
        this.#lotFee.shift();
        this.#lotSlip.shift();
      } else {
        this.#lotUnits[0] = lot - signed;
        this.#lotFee[0] -= this.#lotFee[0] * part;
        this.#lotSlip[0] -= this.#lotSlip[0] * part;
      }
    }
    this.units -= posSide * qty;
    if (this.#lotUnits.length === 0 || Math.abs(this.units) < 1e-12) this.units = 0;
  }

  /** Exits on bar `i` (open `o`, high `h`, low `l`) at the level its high or low touched. */
  hitStops(i: number, o: number, h: number, l: number): void {
    if (!(o > 0) || o === Infinity) badPrice("bars", "open", i, o);
    const reason = this.stops.exit(o, h, l);
    this.closeAll(i, this.stops.exitPrice, reason);
  }
}
