import { checkPct } from "./_validate.ts";
import type { ExitReason } from "./types.ts";

/** Validated stop distances in percent (NaN = off) and whether any stop is on. */
export interface StopConfig {
  slPct: number;
  tpPct: number;
  trPct: number;
  any: boolean;
}

/** Reads and validates the stop options shared by the single-asset and portfolio engines. */
export function stopConfig(
  options: { stopLossPct?: number; takeProfitPct?: number; trailingStopPct?: number },
): StopConfig {
  const slPct = checkPct("stopLossPct", options.stopLossPct);
  const tpPct = checkPct("takeProfitPct", options.takeProfitPct);
  const trPct = checkPct("trailingStopPct", options.trailingStopPct);
  return { slPct, tpPct, trPct, any: slPct === slPct || tpPct === tpPct || trPct === trPct };
}

/**
 * Stop-loss, take-profit and trailing-stop levels of one open position, shared by the
 * single-asset and the portfolio engines. Distances are percents of the entry fill (the
 * trailing stop: of the best high or low of the completed bars since entry). The rules:
 *
 * - A bar touches a level when its low (long; high for shorts) reaches the stop or its high
 *   (long; low for shorts) reaches the take-profit.
 * - The exit fills at the level, or at the bar's open when the bar gapped past it.
 * - When the stop and the take-profit could both trigger in one bar, the stop (adverse) wins.
 * - The binding stop is the tighter of the stop-loss and the trailing stop.
 */
export class StopLevels {
  /** Effective stop price of the armed position (±Infinity when none). */
  stop = -Infinity;
  /** Take-profit price of the armed position (±Infinity when none). */
  take = Infinity;
  /** Fill price of the last exit found by {@linkcode StopLevels.exit}. */
  exitPrice = NaN;
  #long = true;
  #ref = NaN;
  #best = NaN;
  #stopIsTrail = false;
  readonly #sl: number;
  readonly #tp: number;
  readonly #tr: number;

  /** Levels at the distances of `config`. */
  constructor(config: StopConfig) {
    ({ slPct: this.#sl, tpPct: this.#tp, trPct: this.#tr } = config);
  }

  /** Arms the levels for a position opened from flat at fill price `fill`. */
  arm(long: boolean, fill: number): void {
    this.#long = long;
    this.#ref = fill;
    this.#best = fill;
    this.#setLevels();
  }

  /** Whether a bar with high `h` and low `l` touches the stop or the take-profit. */
  touched(h: number, l: number): boolean {
    return this.#long ? l <= this.stop || h >= this.take : h >= this.stop || l <= this.take;
  }

  /** Moves the trailing stop after a completed bar that touched no level. */
  trail(h: number, l: number): void {
    if (this.#long ? h > this.#best : l < this.#best) {
      this.#best = this.#long ? h : l;
      this.#setLevels();
    }
  }

  /**
   * On a touched bar with open `o`, high `h` and low `l`: why the position exits (the stop
   * first); the fill price goes to {@linkcode StopLevels.exitPrice}.
   */
  exit(o: number, h: number, l: number): ExitReason {
    const long = this.#long;
    if (long ? l <= this.stop : h >= this.stop) {
      this.exitPrice = long ? Math.min(o, this.stop) : Math.max(o, this.stop);
      return this.#stopIsTrail ? "trailingStop" : "stopLoss";
    }
    this.exitPrice = long ? Math.max(o, this.take) : Math.min(o, this.take);
    return "takeProfit";
  }

  #setLevels(): void {
    const dir = this.#long ? 1 : -1;
    const sl = this.#sl === this.#sl ? this.#ref * (1 - dir * this.#sl / 100) : NaN;
    const tr = this.#tr === this.#tr ? this.#best * (1 - dir * this.#tr / 100) : NaN;
    const tp = this.#tp === this.#tp ? this.#ref * (1 + dir * this.#tp / 100) : NaN;
    // The binding stop is the one closest to the price: the higher one for longs.
    this.#stopIsTrail = tr === tr && !(sl === sl && (this.#long ? sl >= tr : sl <= tr));
    const stop = this.#stopIsTrail ? tr : sl;
    this.stop = stop === stop ? stop : this.#long ? -Infinity : Infinity;
    this.take = tp === tp ? tp : this.#long ? Infinity : -Infinity;
  }
}
