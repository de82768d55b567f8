import { assertFinite, assertSeries } from "../series/_validate.ts";

/** Options of {@link fundingCarry}. */
export interface FundingCarryOptions {
  /**
   * Funding payments per year (default 1095 = every 8 hours, 3 a day, 365 days: Binance,
   * Bybit, OKX, Deribit perpetuals). Use 8760 for hourly funding (e.g. dYdX, Hyperliquid).
   */
  periodsPerYear?: number;
}

/**
 * Annualized funding carry of a LONG perpetual position: `carry = -fundingRate *
 * periodsPerYear`. A positive funding rate means longs pay shorts, so the long's carry is
 * negative (a short earns `-carry`). `fundingRate` is the rate per funding period as a
 * fraction (Tardis' `derivative_ticker.funding_rate`, e.g. 0.0001 = 0.01%). NaN stays NaN.
 *
 * @param fundingRate Funding rate per period.
 * @param options `{ periodsPerYear }` (default 1095).
 * @returns Annualized carry as a fraction (0.1 = 10% a year), same length as the input.
 *
 * @example
 * ```ts
 * import { fundingCarry } from "@quantbook/sdk/factors";
 * fundingCarry(new Float64Array([0.0001, -0.0002])); // [-0.1095, 0.219]
 * ```
 */
export function fundingCarry(
  fundingRate: Float64Array,
  options: FundingCarryOptions = {},
): Float64Array {
  assertSeries("fundingRate", fundingRate);
  const periodsPerYear = options.periodsPerYear ?? 1095;
  assertFinite("options.periodsPerYear", periodsPerYear);
  if (periodsPerYear <= 0) {
    throw new RangeError(`options.periodsPerYear must be > 0 (got ${periodsPerYear})`);
  }
  const out = new Float64Array(fundingRate.length);
  for (let i = 0; i < out.length; i++) out[i] = -fundingRate[i] * periodsPerYear;
  return out;
}
