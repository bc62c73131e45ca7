import { purchaseCost } from './fees.ts';
import { splitRounds } from './splitRounds.ts';
import type { FeeRates, PlanLeg, StockCode } from './types.ts';

/** What the buy phase knows at its start. */
export interface ResizeBuysInput {
  /** The plan's buy legs, in the planner's priority order. */
  readonly legs: readonly PlanLeg[];
  /** Orderable cash now (no margin), in won. */
  readonly orderableCash: number;
  /** Cash that must stay in the account (the settings' cash target), in won. */
  readonly cashReserve: number;
  readonly fees: FeeRates;
  /**
   * Price per share each leg is budgeted at now (e.g. the best ask), by code. A leg without one is budgeted at its
   * plan price. Buying at a higher price than budgeted can cost more, so callers pass the price orders will use.
   */
  readonly prices?: Readonly<Record<StockCode, number>>;
}

/**
 * The buy legs re-sized to the cash that is really there at buy time (product.md flow step 6).
 *
 * Never more than planned: the plan's quantities are the targets, so extra cash stays cash. When the cash is short,
 * every leg shrinks by the same factor (the planner's proportions), then the shares flooring left over are handed
 * out one at a time to the leg furthest below its planned value, earlier legs first on a tie (the planner's
 * priority), while they fit. When taking shares back from the cheapest legs first (then handing out the same
 * way) keeps more of the planned value, that is used instead: a shortfall of a few thousand won then costs a few
 * cheap shares, not one share of every leg. The cost of a leg counts the commission of every round as its own order (each rounds
 * up to the won), so the sum over all legs never exceeds `orderableCash - cashReserve`. Rounds are re-split with
 * splitRounds over the same number of rounds.
 */
export function resizeBuys(input: ResizeBuysInput): PlanLeg[] {
  const { legs, fees } = input;
  for (const n of [input.orderableCash, input.cashReserve]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cash amounts must be whole won >= 0: ${n}`);
  }
  const budget = Math.max(0, input.orderableCash - input.cashReserve);
  const price = legs.map((leg) => input.prices?.[leg.code] ?? leg.price);
  for (const [i, p] of price.entries()) {
    if (!Number.isSafeInteger(p) || p <= 0)
      throw new RangeError(`price of ${legs[i]?.code} must be whole won > 0: ${p}`);
  }
  const roundsOf = (i: number) => Math.max(1, legs[i]?.rounds.length ?? 1);
  const costOf = (i: number, qty: number) => legCost(qty, price[i] ?? 0, roundsOf(i), fees);

  const planned = legs.map((leg) => leg.qty);
  const plannedCost = planned.reduce((sum, q, i) => sum + costOf(i, q), 0);
  if (plannedCost <= budget) return legs.map((leg) => ({ ...leg, rounds: [...leg.rounds] }));

  // Scale every leg by budget / plannedCost, in BigInt: qty x budget can pass 2^53.
  const scaled = planned.map((q) => Number((BigInt(q) * BigInt(budget)) / BigInt(plannedCost)));
  // Per-order commission rounding can push the scaled total a few won over: take shares back from the largest leg.
  const proportional = fitAndFill(scaled, planned, price, costOf, budget, (qty) =>
    argMax(qty.map((q, k) => (q > 0 ? q * (price[k] ?? 0) : -1))),
  );
  // Flooring every leg can cost a whole share of each, and a short budget of a few won would then lose a share
  // worth 3% of the account where a few cheap shares would do: also try taking shares back from the cheapest leg
  // first, and keep whichever buys more of the plan's value (the proportional one on a tie).
  const cheapestFirst = fitAndFill([...planned], planned, price, costOf, budget, (qty) =>
    argMax(qty.map((q, k) => (q > 0 ? -(price[k] ?? 0) : Number.NEGATIVE_INFINITY))),
  );
  const boughtValue = (qty: readonly number[]) => qty.reduce((sum, q, i) => sum + q * (price[i] ?? 0), 0);
  const qty = boughtValue(cheapestFirst) > boughtValue(proportional) ? cheapestFirst : proportional;
  return legs.map((leg, i) => {
    const q = qty[i] ?? 0;
    return { ...leg, qty: q, rounds: splitRounds(q, roundsOf(i)) };
  });
}

/**
 * Takes shares back from the leg `pick` names until the legs fit the budget, then hands out what
 * that left idle, one share at a time, to the leg furthest below its planned value (earlier legs first on a tie)
 * while they fit. Mutates and returns `qty`.
 */
function fitAndFill(
  qty: number[],
  planned: readonly number[],
  price: readonly number[],
  costOf: (i: number, qty: number) => number,
  budget: number,
  pick: (qty: readonly number[]) => number,
): number[] {
  let total = qty.reduce((sum, q, i) => sum + costOf(i, q), 0);
  while (total > budget) {
    const i = pick(qty);
    const q = qty[i] ?? 0;
    if (q <= 0) break;
    // Whole runs at once (each share gives back at least its price), so the work does not grow with the shares.
    const k = Math.max(1, Math.min(q, Math.floor((total - budget) / (price[i] ?? 1))));
    total += costOf(i, q - k) - costOf(i, q);
    qty[i] = q - k;
  }
  const full = new Set<number>();
  for (;;) {
    const deficits = qty.map((q, i) =>
      full.has(i) || q >= (planned[i] ?? 0) ? -1 : ((planned[i] ?? 0) - q) * (price[i] ?? 0),
    );
    const i = argMax(deficits);
    if ((deficits[i] ?? -1) < 0) break;
    const q = qty[i] ?? 0;
    const delta = costOf(i, q + 1) - costOf(i, q);
    if (total + delta > budget) full.add(i);
    else {
      qty[i] = q + 1;
      total += delta;
    }
  }
  return qty;
}

/** Cash a leg of `qty` shares at `price` takes when placed as `rounds` orders, commission of each included. */
export function legCost(qty: number, price: number, rounds: number, fees: FeeRates): number {
  return splitRounds(qty, rounds).reduce((sum, q) => sum + (q > 0 ? purchaseCost(q * price, fees) : 0), 0);
}

/** Index of the largest value; the first one on a tie. */
function argMax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) > (values[best] ?? 0)) best = i;
  return best;
}
