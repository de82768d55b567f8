import { rollingMean } from "../series/mod.ts";
import type { Bars } from "../series/types.ts";
import { inferBarsPerYear } from "./_annualize.ts";
import { badPrice, checkBars, checkNonNegative } from "./_validate.ts";
import type { SmaCrossSweepOptions } from "./sma_sweep.ts";

/** Statistics columns of an SMA sweep, in the order the kernel writes them. */
export const SWEEP_COLUMNS = [
  "endValue",
  "totalReturnPct",
  "annReturnPct",
  "annVolatilityPct",
  "sharpe",
  "sortino",
  "maxDrawdownPct",
  "numTrades",
  "winRatePct",
  "profitFactor",
  "exposurePct",
] as const;

/** Validated, normalized simulation parameters shared by every combination. */
export interface SweepParams {
  cash0: number;
  rate: number;
  slip: number;
  longOnly: boolean;
  rfBar: number;
  root: number;
  bpy: number;
}

/** A validated sweep: the prices, the combinations (fast and slow window per row), params. */
export interface PreparedSweep {
  open: Float64Array;
  close: Float64Array;
  fast: Float64Array;
  slow: Float64Array;
  params: SweepParams;
}

/** Validates the bars and options of an SMA sweep and lists its combinations. */
export function prepareSmaSweep(bars: Bars, options: SmaCrossSweepOptions): PreparedSweep {
  const n = checkBars("bars", bars);
  if (n < 2) {
    throw new RangeError(`bars has ${n} bar(s); an SMA sweep needs at least 2 (returns need two)`);
  }
  const { open, close } = bars;
  for (let i = 0; i < n; i++) {
    if (!(open[i] > 0) || open[i] === Infinity) badPrice("bars", "open", i, open[i]);
    if (!(close[i] > 0) || close[i] === Infinity) badPrice("bars", "close", i, close[i]);
  }
  const windows = (name: string, w: readonly number[] | undefined) => {
    if (!Array.isArray(w) || w.length === 0) {
      throw new RangeError(`${name} must be a non-empty array of SMA windows`);
    }
    for (const v of w) {
      if (!Number.isInteger(v) || v < 1) {
        throw new RangeError(`${name} windows must be integers >= 1 (got ${v})`);
      }
    }
    return w;
  };
  const fastW = windows("fast", options.fast);
  const slowW = windows("slow", options.slow);
  const rate = options.commission ?? 0;
  if (!Number.isFinite(rate) || rate <= -0.1 || rate >= 0.1) {
    throw new RangeError(`commission must be a rate in (-0.1, 0.1) (got ${rate})`);
  }
  const bpy = options.barsPerYear ?? inferBarsPerYear(bars.timestamp);
  const fast: number[] = [];
  const slow: number[] = [];
  for (const f of fastW) {
    for (const s of slowW) {
      if (!(options.fastBelowSlow ?? true) || f < s) {
        fast.push(f);
        slow.push(s);
      }
    }
  }
  return {
    open,
    close,
    fast: Float64Array.from(fast),
    slow: Float64Array.from(slow),
    params: {
      cash0: options.initialCash ?? 10_000,
      rate,
      slip: checkNonNegative("slippageBps", options.slippageBps) * 1e-4,
      longOnly: options.side === "longOnly",
      rfBar: Math.pow(1 + (options.riskFreeRate ?? 0), 1 / bpy) - 1,
      root: Math.sqrt(bpy),
      bpy,
    },
  };
}

/**
 * Slots of one combination's running state, shared by the bar loop ({@linkcode runCombo})
 * and the last-bar settlement ({@linkcode settle}). Entry fields and the trade tally live
 * here (touched only on fills); the bar loop keeps its hot values in locals and stores
 * them once at the end.
 */
const CASH = 0, UNITS = 1, ENTRY_FILL = 2, ENTRY_FEE = 3, ENTRY_BAR = 4, TRADES = 5, WINS = 6;
const GROSS_WIN = 7, GROSS_LOSS = 8, HELD = 9, PREV_EQ = 10, PEAK = 11, KEEP = 12, SUM = 13;
const SUM_SQ = 14, DOWN = 15, STATE_SLOTS = 16;

/**
 * Runs the combinations `fast[k]`, `slow[k]`: each distinct SMA computed once, one tight
 * loop per combination. Returns one column per entry of {@linkcode SWEEP_COLUMNS}.
 */
export function runSweep(
  open: Float64Array,
  close: Float64Array,
  fast: Float64Array,
  slow: Float64Array,
  p: SweepParams,
): Float64Array[] {
  const n = close.length;
  const sma = new Map<number, Float64Array>();
  for (const w of [...fast, ...slow]) if (!sma.has(w)) sma.set(w, rollingMean(close, w));
  const cols = SWEEP_COLUMNS.map(() => new Float64Array(fast.length));
  const row = new Float64Array(cols.length);
  const state = new Float64Array(STATE_SLOTS);
  const evBar = new Int32Array(n);
  const evTarget = new Int8Array(n);
  for (let k = 0; k < fast.length; k++) {
    runCombo(
      open,
      close,
      sma.get(fast[k])!,
      sma.get(slow[k])!,
      Math.max(fast[k], slow[k]),
      p.cash0,
      p.rate,
      p.slip,
      p.longOnly,
      p.rfBar,
      state,
      evBar,
      evTarget,
    );
    settle(state, close[n - 1], n, p.cash0, p.rate, p.slip, p.rfBar, p.root, p.bpy, row);
    for (let j = 0; j < cols.length; j++) cols[j][k] = row[j];
  }
  return cols;
}

/**
 * Closes a position of `u` units on bar `bar` at raw price `price` (slippage against the
 * position, commission on the fill), adds the trade to the tally in `st` and returns the
 * cash the exit brings in. The one exit path of the sweep: signal exits and the final close.
 */
function closeTrade(
  st: Float64Array,
  u: number,
  price: number,
  bar: number,
  slip: number,
  rate: number,
): number {
  const fill = u > 0 ? price * (1 - slip) : price * (1 + slip);
  const fee = rate * (u > 0 ? u : -u) * fill;
  const pnl = u * (fill - st[ENTRY_FILL]) - st[ENTRY_FEE] - fee;
  st[TRADES]++;
  if (pnl > 0) {
    st[WINS]++;
    st[GROSS_WIN] += pnl;
  } else if (pnl < 0) st[GROSS_LOSS] -= pnl;
  st[HELD] += bar - st[ENTRY_BAR];
  return u * fill - fee;
}

/**
 * The crossover orders of SMA pair (`f`, `s`) from bar `start`: a cross at bar i that changes
 * the target (1 up, `flatTarget` down) becomes an order filled at bar i + 1's open, written
 * to `evBar` / `evTarget`; returns how many. A cross on the last bar has nothing to fill on.
 */
function findOrders(
  f: Float64Array,
  s: Float64Array,
  start: number,
  flatTarget: number,
  evBar: Int32Array,
  evTarget: Int8Array,
): number {
  const n = f.length;
  let events = 0;
  const seed = Math.min(start, n) - 1; // in bounds even when no cross fits in the data
  let pf = f[seed], ps = s[seed];
  let last = 2; // no target yet (targets are -1, 0 or 1)
  for (let i = start; i < n - 1; i++) {
    const fi = f[i], si = s[i];
    let t = 2;
    if (pf < ps && fi > si) t = 1;
    else if (pf > ps && fi < si) t = flatTarget;
    pf = fi;
    ps = si;
    if (t !== 2 && t !== last) {
      last = t;
      evBar[events] = i + 1;
      evTarget[events++] = t;
    }
  }
  return events;
}

/**
 * One combination up to the last bar, in two passes over typed arrays: the crossover orders
 * (fill bar and target, into `evBar` / `evTarget`, each at least `n` long), then the equity
 * with its return moments and drawdown, the fills applied at the order bars. The running
 * state goes to `st`. No cross can happen before bar `first` (both SMAs are defined from bar
 * `first - 1`), so the flat warm-up bars are accounted in one step: zero returns, equity at
 * `cash0`.
 */
function runCombo(
  open: Float64Array,
  close: Float64Array,
  f: Float64Array,
  s: Float64Array,
  first: number,
  cash0: number,
  rate: number,
  slip: number,
  longOnly: boolean,
  rfBar: number,
  st: Float64Array,
  evBar: Int32Array,
  evTarget: Int8Array,
): void {
  const n = close.length;
  const budgetRate = 1 + (rate > 0 ? rate : 0);
  const flatTarget = longOnly ? 0 : -1;
  st.fill(0);
  const start = Math.max(1, first);
  const events = findOrders(f, s, start, flatTarget, evBar, evTarget);
  // Equity: fills at the order bars; marking and return moments on every bar but the last.
  let cash = cash0;
  let u = 0;
  let prevEq = cash0, peak = cash0, keep = 1;
  const flatBars = Math.min(start, n - 1) - 1; // bars 1 .. start-1, none of them the last
  const flatShortfall = Math.min(-rfBar, 0);
  let sum = 0, sumSq = 0, down = flatBars > 0 ? flatBars * flatShortfall * flatShortfall : 0;
  const lastBar = n - 1; // settled below, after closing out
  let i = start;
  for (let e = 0; e <= events; e++) {
    const stop = e < events ? evBar[e] : lastBar;
    for (; i < stop; i++) {
      const eq = cash + u * close[i];
      const r = eq / prevEq - 1;
      sum += r;
      sumSq += r * r;
      const ex = Math.min(r - rfBar, 0); // branch-free: the sign of r is unpredictable
      down += ex * ex;
      if (eq > peak) peak = eq;
      else if (eq < peak * keep) keep = eq / peak;
      prevEq = eq;
    }
    if (e === events) break;
    // Bar i = evBar[e]: the order fills at its open (also on the last bar).
    const target = evTarget[e];
    const p = open[i];
    if (u !== 0 && (target === 0 || (target > 0) !== (u > 0))) {
      cash += closeTrade(st, u, p, i, slip, rate);
      u = 0;
    }
    if (target !== 0 && u === 0) {
      const fill = target > 0 ? p * (1 + slip) : p * (1 - slip);
      const units = cash / ((fill > p ? fill : p) * budgetRate);
      u = target > 0 ? units : -units;
      const fee = rate * units * fill;
      cash -= u * fill + fee;
      st[ENTRY_FILL] = fill;
      st[ENTRY_FEE] = fee;
      st[ENTRY_BAR] = i;
    }
  }
  st[CASH] = cash;
  st[UNITS] = u;
  st[PREV_EQ] = prevEq;
  st[PEAK] = peak;
  st[KEEP] = keep;
  st[SUM] = sum;
  st[SUM_SQ] = sumSq;
  st[DOWN] = down;
}

/**
 * Settles the last bar (closing what is still open at its close, costs included) and writes
 * the statistics into `row`. Kept out of the bar loop so the optimizing compiler never meets
 * this once-per-run code without type feedback.
 */
function settle(
  st: Float64Array,
  lastClose: number,
  n: number,
  cash0: number,
  rate: number,
  slip: number,
  rfBar: number,
  root: number,
  bpy: number,
  row: Float64Array,
): void {
  let prevEq = st[PREV_EQ], keep = st[KEEP], sum = st[SUM], sumSq = st[SUM_SQ], down = st[DOWN];
  if (n > 1) {
    let cash = st[CASH];
    if (st[UNITS] !== 0) cash += closeTrade(st, st[UNITS], lastClose, n - 1, slip, rate);
    const r = cash / prevEq - 1;
    sum += r;
    sumSq += r * r;
    if (r < rfBar) down += (r - rfBar) * (r - rfBar);
    if (cash < st[PEAK] * keep) keep = cash / st[PEAK];
    prevEq = cash;
  }
  const m = n - 1;
  const trades = st[TRADES];
  const mean = sum / m;
  const sd = m > 1 ? Math.sqrt(Math.max(0, sumSq - sum * mean) / (m - 1)) : NaN;
  row[0] = prevEq;
  row[1] = (prevEq - cash0) / cash0 * 100;
  row[2] = m > 0 ? (Math.pow(prevEq / cash0, bpy / m) - 1) * 100 : NaN;
  row[3] = sd * root * 100;
  row[4] = (mean - rfBar) / (sd || NaN) * root;
  row[5] = (mean - rfBar) / (Math.sqrt(down / m) || NaN) * root;
  row[6] = -(1 - keep) * 100;
  row[7] = trades;
  row[8] = trades ? st[WINS] / trades * 100 : NaN;
  row[9] = st[GROSS_WIN] / (st[GROSS_LOSS] || NaN);
  row[10] = st[HELD] / n * 100;
}
