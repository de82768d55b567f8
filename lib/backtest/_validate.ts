import { assertSeries } from "../series/_validate.ts";
import type { Bars } from "../series/types.ts";

/** Checks the OHLC columns, their lengths and strictly increasing timestamps. */
export function checkBars(name: string, bars: Bars): number {
  if (typeof bars !== "object" || bars === null) {
    throw new TypeError(
      `${name} must be an object of columns { timestamp, open, high, low, close }`,
    );
  }
  const cols = ["timestamp", "open", "high", "low", "close"] as const;
  for (const c of cols) assertSeries(`${name}.${c}`, bars[c]);
  const n = bars.close.length;
  for (const c of cols) {
    if (bars[c].length !== n) {
      throw new RangeError(
        `${name}.${c} has length ${bars[c].length} but ${name}.close has length ${n}; ` +
          `every column must have one value per bar`,
      );
    }
  }
  const t = bars.timestamp;
  for (let i = 1; i < n; i++) {
    if (!(t[i] > t[i - 1])) {
      throw new RangeError(
        `${name}.timestamp must increase strictly: timestamp[${i}]=${t[i]} is not after ` +
          `timestamp[${i - 1}]=${t[i - 1]}; sort the bars and drop duplicates first`,
      );
    }
  }
  return n;
}

/** Checks the target series against the bars and the leverage. */
export function checkTargets(
  name: string,
  targets: Float64Array,
  n: number,
  leverage: number,
): void {
  assertSeries(name, targets);
  if (targets.length !== n) {
    throw new RangeError(
      `${name} has length ${targets.length} but the bars have ${n}; give one target per bar ` +
        `(NaN = keep the position)`,
    );
  }
  for (let i = 0; i < n; i++) {
    const v = targets[i];
    if (v !== v) continue;
    if (!Number.isFinite(v) || Math.abs(v) > leverage + 1e-12) {
      throw new RangeError(
        `${name}[${i}]=${v} exceeds the leverage ${leverage} (|target| is exposure / equity); ` +
          `scale the targets or pass { leverage: ${Math.ceil(Math.abs(v))} }`,
      );
    }
  }
}

/** Throws unless a traded price is finite and positive. */
export function badPrice(name: string, column: string, i: number, v: number): never {
  throw new RangeError(
    `${name}.${column}[${i}]=${v} is not a positive price inside the traded range; ` +
      `drop or fill that bar (e.g. forward-fill) before backtesting`,
  );
}

/** Throws unless bar `i`'s low is a positive price and its high is at or above it. */
export function checkHighLow(name: string, i: number, h: number, l: number): void {
  if (!(l > 0) || l === Infinity) badPrice(name, "low", i, l);
  if (!(h >= l) || h === Infinity) {
    throw new RangeError(
      `${name}.high[${i}]=${h} is below ${name}.low[${i}]=${l} or not a price; fix or drop that bar`,
    );
  }
}

/** Validates a non-negative finite option. */
export function checkNonNegative(name: string, v: number | undefined): number {
  if (v === undefined) return 0;
  if (!Number.isFinite(v) || v < 0) {
    throw new RangeError(`${name} must be a finite number >= 0 (got ${v})`);
  }
  return v;
}

/** Validates an optional percent distance (> 0). */
export function checkPct(name: string, v: number | undefined): number {
  if (v === undefined) return NaN;
  if (!Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${name} must be a percent > 0, e.g. 5 for 5 % (got ${v})`);
  }
  return v;
}
