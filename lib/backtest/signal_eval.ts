import { expandingRank } from "../series/mod.ts";
import { assertSeries } from "../series/_validate.ts";
import { averageRanks, spearman } from "./_rank.ts";

/**
 * Forward returns at several horizons: `out[h][i] = close[i + h] / close[i] - 1` (NaN when
 * `i + h` is past the end or a price is missing). This is the label a signal decided at bar
 * i's close tries to predict: it looks ahead by design, so use it to evaluate signals, never
 * as a feature.
 *
 * @example
 * ```ts
 * import { forwardReturns } from "@quantbook/sdk/backtest";
 * const fwd = forwardReturns(new Float64Array([100, 110, 121]), [1, 2]);
 * fwd[1]; // [0.1, 0.1, NaN]
 * fwd[2]; // [0.21, NaN, NaN]
 * ```
 */
export function forwardReturns(
  close: Float64Array,
  horizons: readonly number[],
): Record<number, Float64Array> {
  assertSeries("close", close);
  const out: Record<number, Float64Array> = {};
  for (const h of horizons) {
    if (!Number.isInteger(h) || h < 1) {
      throw new RangeError(`horizons must be integers >= 1 (got ${h})`);
    }
    const f = new Float64Array(close.length).fill(NaN);
    for (let i = 0; i + h < close.length; i++) {
      const a = close[i];
      const b = close[i + h];
      if (a > 0 && b > 0) f[i] = b / a - 1;
    }
    out[h] = f;
  }
  return out;
}

/**
 * Information coefficient: Spearman rank correlation between a signal and a forward return,
 * over the bars where both are finite (average ranks for ties; NaN below 3 pairs).
 *
 * @example
 * ```ts
 * import { informationCoefficient } from "@quantbook/sdk/backtest";
 * informationCoefficient(
 *   new Float64Array([1, 2, 3, 4]),
 *   new Float64Array([0.01, 0.03, 0.02, 0.05]),
 * ); // 0.8
 * ```
 */
export function informationCoefficient(signal: Float64Array, forward: Float64Array): number {
  assertSeries("signal", signal);
  assertSeries("forward", forward);
  sameLength(signal.length, forward.length);
  return spearman(signal, forward);
}

/**
 * Information coefficient per horizon: for each `h`, the Spearman correlation of `signal[i]`
 * with the forward return `close[i + h] / close[i] - 1` over the bars where both are finite,
 * with the number of pairs used (the last `h` bars have no label yet). The usual first look
 * at how far a signal's edge reaches.
 *
 * @example
 * ```ts
 * import { informationCoefficientByHorizon } from "@quantbook/sdk/backtest";
 * const close = Float64Array.from({ length: 60 }, (_, i) => 100 + 5 * Math.sin(i / 4));
 * const momentum = Float64Array.from(close, (c, i) => (i ? c - close[i - 1] : NaN));
 * const byH = informationCoefficientByHorizon(momentum, close, [1, 5, 10]);
 * byH.ic; // one Spearman IC per horizon
 * byH.count; // [58, 54, 49]
 * ```
 */
export function informationCoefficientByHorizon(
  signal: Float64Array,
  close: Float64Array,
  horizons: readonly number[],
): { horizon: Float64Array; ic: Float64Array; count: Float64Array } {
  assertSeries("signal", signal);
  assertSeries("close", close);
  sameLength(signal.length, close.length, "close");
  const forward = forwardReturns(close, horizons);
  const ic = new Float64Array(horizons.length);
  const count = new Float64Array(horizons.length);
  horizons.forEach((h, k) => {
    const f = forward[h];
    ic[k] = spearman(signal, f);
    for (let i = 0; i < f.length; i++) if (Number.isFinite(signal[i]) && f[i] === f[i]) count[k]++;
  });
  return { horizon: Float64Array.from(horizons), ic, count };
}

/**
 * The information coefficient over time without look-ahead: the value at bar i is the
 * Spearman correlation of (signal[j], forward[j]) for the `window` bars j ending at
 * `i - horizon`, i.e. only forward returns already realized at bar i (a horizon-h return
 * decided at bar j is known at bar j + h). NaN until enough pairs exist.
 *
 * @example
 * ```ts
 * import { forwardReturns, rollingInformationCoefficient } from "@quantbook/sdk/backtest";
 * const close = Float64Array.from({ length: 100 }, (_, i) => 100 + Math.sin(i / 3));
 * const signal = Float64Array.from(close, (_, i) => Math.cos(i / 3));
 * const ic = rollingInformationCoefficient(signal, forwardReturns(close, [1])[1], 20, 1);
 * ```
 */
export function rollingInformationCoefficient(
  signal: Float64Array,
  forward: Float64Array,
  window: number,
  horizon: number,
): Float64Array {
  assertSeries("signal", signal);
  assertSeries("forward", forward);
  sameLength(signal.length, forward.length);
  if (!Number.isInteger(window) || window < 3) {
    throw new RangeError(`window must be an integer >= 3 (got ${window})`);
  }
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`horizon must be an integer >= 1 (got ${horizon})`);
  }
  const n = signal.length;
  const out = new Float64Array(n).fill(NaN);
  for (let i = horizon + window - 1; i < n; i++) {
    const end = i - horizon + 1;
    out[i] = spearman(signal, forward, end - window, end);
  }
  return out;
}

/**
 * Cross-sectional information coefficient per bar (alphalens' IC over time): at each bar,
 * the Spearman correlation across assets of their signals and forward returns (NaN when
 * fewer than 3 assets have both). Each inner array is one asset, all of the same length.
 *
 * @example
 * ```ts
 * import { crossSectionalIc } from "@quantbook/sdk/backtest";
 * const signals = [[1, 2], [2, 1], [3, 3]].map((s) => Float64Array.from(s));
 * const forward = [[0.1, 0.2], [0.2, 0.1], [0.3, 0.3]].map((s) => Float64Array.from(s));
 * crossSectionalIc(signals, forward); // [1, 1]
 * ```
 */
export function crossSectionalIc(
  signals: readonly Float64Array[],
  forwards: readonly Float64Array[],
): Float64Array {
  const n = checkPanel(signals, forwards);
  const out = new Float64Array(n);
  const a = new Float64Array(signals.length);
  const b = new Float64Array(signals.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < signals.length; k++) {
      a[k] = signals[k][i];
      b[k] = forwards[k][i];
    }
    out[i] = spearman(a, b);
  }
  return out;
}

/**
 * Mean forward return by signal quantile (quantile 1 = lowest signal), with counts.
 *
 * For one asset (a `Float64Array`), bar i's quantile comes from the signal's expanding
 * percentile rank among its own values up to bar i (no look-ahead; the first `minHistory`
 * bars, default `4 * quantiles`, are skipped). For a panel (an array of assets), bar i's
 * quantiles rank the assets against each other at that bar, like alphalens.
 *
 * @example
 * ```ts
 * import { quantileReturns } from "@quantbook/sdk/backtest";
 * const signal = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i));
 * const forward = signal.map((s) => s / 100);
 * const q = quantileReturns(signal, forward, { quantiles: 5 });
 * q.meanReturn; // increasing from quantile 1 to 5
 * ```
 */
export function quantileReturns(
  signal: Float64Array | readonly Float64Array[],
  forward: Float64Array | readonly Float64Array[],
  options: { quantiles?: number; minHistory?: number } = {},
): { quantile: Float64Array; meanReturn: Float64Array; count: Float64Array } {
  const q = options.quantiles ?? 5;
  if (!Number.isInteger(q) || q < 2) {
    throw new RangeError(`quantiles must be an integer >= 2 (got ${q})`);
  }
  const sum = new Float64Array(q);
  const count = new Float64Array(q);
  const add = (pct: number, f: number) => {
    if (!(pct > 0) || !Number.isFinite(f)) return;
    const bucket = Math.min(q, Math.ceil(pct * q)) - 1;
    sum[bucket] += f;
    count[bucket]++;
  };
  if (signal instanceof Float64Array) {
    if (!(forward instanceof Float64Array)) {
      throw new TypeError("forward must be a Float64Array when signal is one asset");
    }
    sameLength(signal.length, forward.length);
    const minHistory = options.minHistory ?? 4 * q;
    const rank = expandingRank(signal, { minPeriods: minHistory });
    for (let i = 0; i < signal.length; i++) add(rank[i], forward[i]);
  } else {
    if (forward instanceof Float64Array) {
      throw new TypeError("forward must be an array of assets when signal is one");
    }
    const n = checkPanel(signal, forward);
    const values: number[] = [];
    const rets: number[] = [];
    for (let i = 0; i < n; i++) {
      values.length = 0;
      rets.length = 0;
      for (let k = 0; k < signal.length; k++) {
        if (Number.isFinite(signal[k][i]) && Number.isFinite(forward[k][i])) {
          values.push(signal[k][i]);
          rets.push(forward[k][i]);
        }
      }
      if (values.length < q) continue;
      const ranks = averageRanks(values);
      for (let k = 0; k < values.length; k++) add(ranks[k] / values.length, rets[k]);
    }
  }
  return {
    quantile: Float64Array.from({ length: q }, (_, k) => k + 1),
    meanReturn: Float64Array.from(sum, (s, k) => (count[k] ? s / count[k] : NaN)),
    count,
  };
}

function sameLength(a: number, b: number, other = "forward"): void {
  if (a !== b) {
    throw new RangeError(
      `signal has length ${a} but ${other} has length ${b}; align them to the same bars`,
    );
  }
}

function checkPanel(signals: readonly Float64Array[], forwards: readonly Float64Array[]): number {
  if (signals.length !== forwards.length || signals.length === 0) {
    throw new RangeError(
      `signals (${signals.length} assets) and forwards (${forwards.length}) must list the same ` +
        `non-empty set of assets`,
    );
  }
  const n = signals[0].length;
  signals.forEach((s, k) => {
    assertSeries(`signals[${k}]`, s);
    assertSeries(`forwards[${k}]`, forwards[k]);
    if (s.length !== n || forwards[k].length !== n) {
      throw new RangeError(
        `asset ${k} has ${s.length} signals and ${forwards[k].length} forward returns; ` +
          `every asset needs ${n} of each (one per bar)`,
      );
    }
  });
  return n;
}
