import { tradeCosts } from './fees.ts';
import type { FeeRates, Side } from './types.ts';

/**
 * Commission (and, on a sale, tax) of a leg of `qty` shares at `price`, charged order by order as
 * splitRounds(qty, rounds) splits it. Each order's costs are rounded up to the won, so this is never below the
 * costs of one order for the whole leg: a conservative figure for sizing buys. O(1): the rounds hold only two
 * sizes, floor(qty/rounds) and one more.
 * @see ../shared/reference/krx-rules.md "Costs" (commission per side, tax on sales; prefer the broker's actual
 *   figures reported with fills once there are any)
 */
export function legCosts(side: Side, price: number, qty: number, rounds: number, rates: FeeRates): number {
  if (qty === 0) return 0;
  const small = Math.floor(qty / rounds);
  const bigCount = qty % rounds;
  let costs = bigCount * tradeCosts(side, (small + 1) * price, rates);
  if (small > 0) costs += (rounds - bigCount) * tradeCosts(side, small * price, rates);
  return costs;
}
