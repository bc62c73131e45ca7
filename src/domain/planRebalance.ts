import { evaluateQuantities } from './evaluateQuantities.ts';
import { DEFAULT_FEE_RATES } from './fees.ts';
import { optimizeQuantities } from './optimizeQuantities.ts';
import type { PlanInput } from './PlanInput.ts';
import { makeQuantityProblem } from './QuantityProblem.ts';
import { resolvePlanUniverse } from './resolvePlanUniverse.ts';
import { splitRounds } from './splitRounds.ts';
import type { Plan, PlanLeg, StockCode } from './types.ts';
import { validatePlanInput } from './validatePlanInput.ts';

/**
 * Plans a rebalance: which included holdings to sell, which to buy (added codes included), in whole shares split
 * into rounds, and where the account lands. Pure: same input, same plan.
 *
 * - Weights apply to the account's total value: included holdings + deposit (excluded and not-tradable holdings
 *   are left out and reported in `excluded`; see resolvePlanUniverse for the weight rules).
 * - Buys are sized to the cash that will really be there: deposit + sale proceeds after commission and tax, minus
 *   buy commission, minus the cash target; they never take cash below the cash target.
 * - Quantities are chosen to minimise the post-trade tracking error (see optimizeQuantities), never worse than
 *   the floor-of-every-leg plan.
 * - Legs are sorted by value, largest first, then by code; legs of 0 shares are dropped.
 *
 * Throws a PlanError subclass on bad or inconsistent input.
 */
export function planRebalance(input: PlanInput): Plan {
  const fees = input.fees ?? DEFAULT_FEE_RATES;
  validatePlanInput(input, fees);
  const universe = resolvePlanUniverse(input);
  const problem = makeQuantityProblem(universe, input, fees);
  const qty = universe.totalValue > 0 ? optimizeQuantities(problem) : universe.members.map((m) => m.heldQty);
  const outcome = evaluateQuantities(problem, qty);

  const sells: PlanLeg[] = [];
  const buys: PlanLeg[] = [];
  const weights: Record<StockCode, number> = {};
  let postTotal = outcome.cash;
  universe.members.forEach((m, i) => {
    postTotal += (qty[i] as number) * m.price;
  });
  universe.members.forEach((m, i) => {
    const q = qty[i] as number;
    weights[m.code] = postTotal > 0 ? (100 * q * m.price) / postTotal : 0;
    if (q === m.heldQty) return;
    const sell = q < m.heldQty;
    const legQty = Math.abs(q - m.heldQty);
    const leg: PlanLeg = {
      code: m.code,
      name: m.name,
      price: m.price,
      qty: legQty,
      rounds: splitRounds(legQty, sell ? input.settings.sellSplit : input.settings.buySplit),
      heldQty: m.heldQty,
      targetValue: Math.round(problem.targetValues[i] as number),
      targetPct: m.targetPct,
    };
    (sell ? sells : buys).push(leg);
  });

  return {
    sells: sells.sort(byValueThenCode),
    buys: buys.sort(byValueThenCode),
    excluded: [...universe.excluded].sort(byValueThenCode),
    projected: { weights, cash: outcome.cash },
    totalValue: universe.totalValue,
    estimatedCosts: outcome.costs,
  };
}

function byValueThenCode(
  a: { code: string; price: number; qty: number },
  b: { code: string; price: number; qty: number },
): number {
  return b.price * b.qty - a.price * a.qty || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
