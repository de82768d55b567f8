import { checkNonNegative } from "./_validate.ts";
import type { CommissionModel } from "./types.ts";

/** A commission model reduced to its parts: `fixed + rate * |size| * price`, or a function. */
export interface CostModel {
  fixed: number;
  rate: number;
  fn: ((size: number, price: number) => number) | undefined;
}

/** The cost options of a fill: commission model, slippage in bps and half-spread. */
export interface FillCosts {
  model: CostModel;
  bps: number;
  halfSpread: number;
}

/** Reads and validates the cost options shared by the single-asset and portfolio engines. */
export function fillCosts(
  options: { commission?: CommissionModel; slippageBps?: number; halfSpread?: number },
): FillCosts {
  return {
    model: costModel(options.commission),
    bps: checkNonNegative("slippageBps", options.slippageBps),
    halfSpread: checkNonNegative("halfSpread", options.halfSpread),
  };
}

/** Validates and normalizes the `commission` option. */
export function costModel(commission: CommissionModel | undefined): CostModel {
  if (commission === undefined) return { fixed: 0, rate: 0, fn: undefined };
  if (typeof commission === "function") return { fixed: 0, rate: 0, fn: commission };
  if (typeof commission === "number") {
    checkRate(commission);
    return { fixed: 0, rate: commission, fn: undefined };
  }
  if (typeof commission === "object" && commission !== null) {
    const fixed = commission.fixed ?? 0;
    const rate = commission.rate ?? 0;
    if (!Number.isFinite(fixed) || fixed < 0) {
      throw new RangeError(
        `commission.fixed must be a finite amount >= 0 in cash per fill (got ${fixed})`,
      );
    }
    checkRate(rate);
    return { fixed, rate, fn: undefined };
  }
  throw new TypeError(
    "commission must be a rate (0.001), { fixed, rate } or a function (size, price) => fee",
  );
}

function checkRate(rate: number): void {
  if (!Number.isFinite(rate) || rate <= -0.1 || rate >= 0.1) {
    throw new RangeError(
      `commission rate must be a fraction of notional in (-0.1, 0.1), e.g. 0.001 for 0.1 % ` +
        `(got ${rate}); negative values are maker rebates`,
    );
  }
}

/** Fee in cash for a fill of `size` units (signed) at `price`. */
export function fee(model: CostModel, size: number, price: number): number {
  if (size === 0) return 0;
  if (model.fn !== undefined) {
    const f = model.fn(size, price);
    if (!Number.isFinite(f)) {
      throw new RangeError(
        `commission function returned ${f} for size=${size}, price=${price}; it must return a finite fee`,
      );
    }
    return f;
  }
  return model.fixed + model.rate * Math.abs(size) * price;
}

/** Fill price after slippage (bps) and half-spread, against the trader's side. */
export function slipPrice(
  price: number,
  side: number,
  slippageBps: number,
  halfSpread: number,
): number {
  return side > 0
    ? price * (1 + slippageBps * 1e-4) + halfSpread
    : price * (1 - slippageBps * 1e-4) - halfSpread;
}

/**
 * Signed units that a cash `notional` opens on `side` (1 buys, -1 sells short) at raw price
 * `price`, with the fill's slippage and commission paid out of the notional (never below 0).
 * A commission function is quoted for the largest possible order, so a fee that grows with
 * the size never overspends.
 */
export function affordableUnits(
  model: CostModel,
  notional: number,
  price: number,
  side: number,
  slippageBps: number,
  halfSpread: number,
): number {
  const fill = slipPrice(price, side, slippageBps, halfSpread);
  const per = Math.max(fill, price);
  const budget = model.fn !== undefined
    ? (notional - Math.abs(fee(model, side * notional / per, fill))) / per
    : (notional - model.fixed) / (per * (1 + Math.max(0, model.rate)));
  return side * Math.max(0, budget);
}
