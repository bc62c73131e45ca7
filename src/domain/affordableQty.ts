import { purchaseCost } from './fees.ts';
import type { FeeRates } from './types.ts';

/**
 * The most whole shares at `price` won that `cash` won pays for, commission included (what a broker reports as
 * the orderable quantity of a cash account). 0 when not even one share fits. Integer arithmetic throughout.
 * @see ../../shared/reference/krx-rules.md "Costs" (commission per side, rounded up to the won in fees.ts)
 */
export function affordableQty(cash: number, price: number, rates: FeeRates): number {
  if (!Number.isSafeInteger(cash) || !Number.isSafeInteger(price) || price <= 0) {
    throw new RangeError(`cash and price must be whole won, price > 0: ${cash}, ${price}`);
  }
  if (cash <= 0) return 0;
  // A floating-point estimate, then exact integer steps to the boundary (the estimate is off by a share or two).
  let qty = Math.floor(cash / (price * (1 + rates.commissionPpm / 1_000_000)));
  while (qty > 0 && purchaseCost(qty * price, rates) > cash) qty -= 1;
  while (purchaseCost((qty + 1) * price, rates) <= cash) qty += 1;
  return qty;
}
