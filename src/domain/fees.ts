import type { FeeRates, Side } from './types.ts';

/**
 * 2026 defaults.
 * @see ../shared/reference/krx-rules.md "Costs": Kiwoom online commission about 0.015% per side; securities
 *   transaction tax on sales 0.20% from 2026-01-01 (KOSPI 0.05% + 0.15% special tax, KOSDAQ 0.20%).
 */
export const DEFAULT_FEE_RATES: FeeRates = { commissionPpm: 150, sellTaxPpm: 2000 };

const PPM = 1_000_000;

/**
 * Commission on a trade of `value` won, rounded up to the won so cash estimates are never optimistic.
 * Integer arithmetic: value x ppm stays below 2^53 for any value under 9e9 x 1e6 / ppm.
 */
export function commission(value: number, rates: FeeRates): number {
  return ceilDiv(value * rates.commissionPpm, PPM);
}

/** Transaction tax on a sale of `value` won, rounded up; buys pay none. */
export function sellTax(value: number, rates: FeeRates): number {
  return ceilDiv(value * rates.sellTaxPpm, PPM);
}

/** All costs of one trade: commission, plus tax on a sale. */
export function tradeCosts(side: Side, value: number, rates: FeeRates): number {
  return commission(value, rates) + (side === 'sell' ? sellTax(value, rates) : 0);
}

/** Cash a sale of `value` won brings in after commission and tax. */
export function saleProceeds(value: number, rates: FeeRates): number {
  return value - tradeCosts('sell', value, rates);
}

/** Cash a purchase of `value` won takes out including commission. */
export function purchaseCost(value: number, rates: FeeRates): number {
  return value + tradeCosts('buy', value, rates);
}

function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}
