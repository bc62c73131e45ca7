import { evaluateQuantities } from './evaluateQuantities.ts';
import { DEFAULT_FEE_RATES } from './fees.ts';
import { legCosts } from './legCosts.ts';
import { optimizeQuantities } from './optimizeQuantities.ts';
import type { PlanInput } from './PlanInput.ts';
import { makeQuantityProblem, withoutBand } from './QuantityProblem.ts';
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
 * - Quantities are chosen to minimise the post-trade tracking error exactly where the search finishes (see
 *   optimizeQuantities, searchQuantities), never worse than the floor-of-every-leg plan; equally close plans go
 *   to the cheaper one.
 * - A member inside its drift band (settings.driftBandPp) keeps its shares; no leg is worth less than
 *   settings.minTradeValue. `tracking` shows what that costs (the tracking error with neither) and `droppedLegs`
 *   how many legs of that plan they dropped.
 * - Legs are sorted by value, largest first, then by code; legs of 0 shares are dropped.
 *
 * Throws a PlanError subclass on bad or inconsistent input.
 */
export function planRebalance(input: PlanInput): Plan {
  const fees = input.fees ?? DEFAULT_FEE_RATES;
  validatePlanInput(input, fees);
  const universe = resolvePlanUniverse(input);
  const problem = makeQuantityProblem(universe, input, fees);
  const result = optimizeQuantities(problem);
  const qty = result.qty;
  const outcome = result.outcome;
  // What the band and the minimum cost: the same account planned without them.
  const constrained = problem.minTradeValue > 0 || problem.frozen.some((f) => f);
  const free = constrained ? optimizeQuantities(withoutBand(problem)) : result;

  const sells: PlanLeg[] = [];
  const buys: PlanLeg[] = [];
  const weights: Record<StockCode, number> = {};
  let postTotal = outcome.cash;
  let commission = 0;
  let droppedByBand = 0;
  let droppedByMinimum = 0;
  universe.members.forEach((m, i) => {
    postTotal += (qty[i] as number) * m.price;
    const freeLeg = Math.abs((free.qty[i] as number) - m.heldQty);
    if (freeLeg > 0 && problem.frozen[i] === true) droppedByBand++;
    else if (freeLeg > 0 && freeLeg * m.price < problem.minTradeValue) droppedByMinimum++;
  });
  universe.members.forEach((m, i) => {
    const q = qty[i] as number;
    weights[m.code] = postTotal > 0 ? (100 * q * m.price) / postTotal : 0;
    if (q === m.heldQty) return;
    const sell = q < m.heldQty;
    const legQty = Math.abs(q - m.heldQty);
    const split = sell ? input.settings.sellSplit : input.settings.buySplit;
    // Commission is the buy side's costs of the same orders; a sale adds the tax on top.
    commission += legCosts('buy', m.price, legQty, split, fees);
    const leg: PlanLeg = {
      code: m.code,
      name: m.name,
      price: m.price,
      qty: legQty,
      rounds: splitRounds(legQty, split),
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
    tracking: {
      before: evaluateQuantities(
        problem,
        universe.members.map((m) => m.heldQty),
      ).trackingError,
      after: outcome.trackingError,
      withoutBand: free.outcome.trackingError,
      lowerBound: result.lowerBound,
      optimal: result.optimal,
    },
    estimatedFees: { commission, tax: outcome.costs - commission },
    droppedLegs: { band: droppedByBand, minimum: droppedByMinimum },
  };
}

function byValueThenCode(
  a: { code: string; price: number; qty: number },
  b: { code: string; price: number; qty: number },
): number {
  return b.price * b.qty - a.price * a.qty || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
