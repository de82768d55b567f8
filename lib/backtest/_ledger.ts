import type { ExitReason, TradeLedger } from "./types.ts";

const NUMERIC = [
  "entryIndex",
  "exitIndex",
  "entryTime",
  "exitTime",
  "entryPrice",
  "exitPrice",
  "size",
  "fees",
  "slippage",
  "pnl",
  "returnPct",
  "durationBars",
] as const;

type NumericColumn = typeof NUMERIC[number];

/** Growable columnar ledger: typed arrays doubled on demand, no object kept per trade. */
export class LedgerBuilder {
  #cols: Record<NumericColumn, Float64Array>;
  #reasons: ExitReason[] = [];
  #n = 0;

  constructor(capacity = 64) {
    this.#cols = Object.fromEntries(
      NUMERIC.map((k) => [k, new Float64Array(capacity)]),
    ) as Record<NumericColumn, Float64Array>;
  }

  get length(): number {
    return this.#n;
  }

  /** Appends a closed trade. */
  push(
    entryIndex: number,
    exitIndex: number,
    entryTime: number,
    exitTime: number,
    entryPrice: number,
    exitPrice: number,
    size: number,
    fees: number,
    slippage: number,
    reason: ExitReason,
  ): void {
    if (this.#n === this.#cols.size.length) this.#grow();
    const c = this.#cols;
    const k = this.#n++;
    const pnl = size * (exitPrice - entryPrice) - fees;
    c.entryIndex[k] = entryIndex;
    c.exitIndex[k] = exitIndex;
    c.entryTime[k] = entryTime;
    c.exitTime[k] = exitTime;
    c.entryPrice[k] = entryPrice;
    c.exitPrice[k] = exitPrice;
    c.size[k] = size;
    c.fees[k] = fees;
    c.slippage[k] = slippage;
    c.pnl[k] = pnl;
    c.returnPct[k] = pnl / (Math.abs(size) * entryPrice) * 100;
    c.durationBars[k] = exitIndex - entryIndex;
    this.#reasons.push(reason);
  }

  #grow(): void {
    for (const k of NUMERIC) {
      const bigger = new Float64Array(Math.max(64, this.#cols[k].length * 2));
      bigger.set(this.#cols[k]);
      this.#cols[k] = bigger;
    }
  }

  /** The finished ledger (trimmed copies). */
  build(): TradeLedger {
    const out = Object.fromEntries(
      NUMERIC.map((k) => [k, this.#cols[k].slice(0, this.#n)]),
    ) as Record<NumericColumn, Float64Array>;
    return { ...out, exitReason: this.#reasons.slice() };
  }
}
