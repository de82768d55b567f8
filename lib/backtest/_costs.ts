import type { CommissionModel } from "./types.ts";

/** A commission model reduced to its parts: `fixed + rate * |size| * price`, or a function. */
export interface CostModel {
  fixed: number;
  rate: number;
  fn: ((size: number, price: number) => number) | undefined;
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
