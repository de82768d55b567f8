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
  const state = new Float64Array(16);
  for (let k = 0; k < fast.length; k++) {
    runCombo(
      open,
      close,
      sma.get(fast[k])!,
      sma.get(slow[k])!,
      p.cash0,
      p.rate,
      p.slip,
      p.longOnly,
      p.rfBar,
      state,
    );
    settle(state, close[n - 1], n, p.cash0, p.rate, p.slip, p.rfBar, p.root, p.bpy, row);
    for (let j = 0; j < cols.length; j++) cols[j][k] = row[j];
  }
  return cols;
}

/** One combination's bar loop up to the last bar; its running state goes to `state`. */
function runCombo(
  open: Float64Array,
  close: Float64Array,
  f: Float64Array,
  s: Float64Array,
  cash0: number,
  rate: number,
  slip: number,
  longOnly: boolean,
  rfBar: number,
  state: Float64Array,
): void {
  const n = close.length;
  const budgetRate = 1 + (rate > 0 ? rate : 0);
  const flatTarget = longOnly ? 0 : -1;
  let cash = cash0;
  let u = 0;
  let entryFill = 0;
  let entryFee = 0;
  let last = 2; // no target yet (targets are -1, 0 or 1)
  let pending = 2; // 2 = no pending order
  let trades = 0, wins = 0, grossWin = 0, grossLoss = 0, held = 0, entryBar = 0;
  let prevEq = cash0, peak = cash0, keep = 1;
  let sum = 0, sumSq = 0, down = 0;
  let pf = f[0], ps = s[0];
  for (let i = 1; i < n; i++) {
    // Loaded on every bar (not only on fills) so the optimized loop always has type feedback.
    const p = open[i];
    if (pending !== 2) {
      if (u !== 0 && (pending === 0 || (pending > 0) !== (u > 0))) {
        const fill = u > 0 ? p * (1 - slip) : p * (1 + slip);
        const fee = rate * (u > 0 ? u : -u) * fill;
        cash += u * fill - fee;
        const pnl = u * (fill - entryFill) - entryFee - fee;
        trades++;
        if (pnl > 0) {
          wins++;
          grossWin += pnl;
        } else if (pnl < 0) grossLoss -= pnl;
        held += i - entryBar;
        u = 0;
      }
      if (pending !== 0 && u === 0) {
        entryBar = i;
        const fill = pending > 0 ? p * (1 + slip) : p * (1 - slip);
        const units = cash / ((fill > p ? fill : p) * budgetRate);
        u = pending > 0 ? units : -units;
        entryFee = rate * units * fill;
        cash -= u * fill + entryFee;
        entryFill = fill;
      }
      pending = 2;
    }
    const fi = f[i], si = s[i];
    if (pf < ps && fi > si) {
      if (last !== 1) last = pending = 1;
    } else if (pf > ps && fi < si) {
      if (last !== flatTarget) last = pending = flatTarget;
    }
    pf = fi;
    ps = si;
    if (i === n - 1) break; // the last bar is settled below, after closing out
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
  const st = state;
  st[0] = cash;
  st[1] = u;
  st[2] = entryFill;
  st[3] = entryFee;
  st[4] = trades;
  st[5] = wins;
  st[6] = grossWin;
  st[7] = grossLoss;
  st[8] = held;
  st[9] = prevEq;
  st[10] = peak;
  st[11] = keep;
  st[12] = sum;
  st[13] = sumSq;
  st[14] = down;
  st[15] = entryBar;
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
  let [cash, u, entryFill, entryFee, trades, wins, grossWin, grossLoss, held, prevEq] = st;
  let [, , , , , , , , , , , keep, sum, sumSq, down] = st;
  if (n > 1) {
    if (u !== 0) {
      held += n - 1 - st[15];
      const fill = u > 0 ? lastClose * (1 - slip) : lastClose * (1 + slip);
      const fee = rate * Math.abs(u) * fill;
      cash += u * fill - fee;
      const pnl = u * (fill - entryFill) - entryFee - fee;
      trades++;
      if (pnl > 0) {
        wins++;
        grossWin += pnl;
      } else if (pnl < 0) grossLoss -= pnl;
      u = 0;
    }
    const r = cash / prevEq - 1;
    sum += r;
    sumSq += r * r;
    if (r < rfBar) down += (r - rfBar) * (r - rfBar);
    const peak = st[10];
    if (cash < peak * keep) keep = cash / peak;
    prevEq = cash;
  }
  const m = n - 1;
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
  row[8] = trades ? wins / trades * 100 : NaN;
  row[9] = grossWin / (grossLoss || NaN);
  row[10] = held / n * 100;
}
