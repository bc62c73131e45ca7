import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { smallPlanInputs } from '../../test/kit/smallPlanInputs.ts';
import { DEFAULT_FEE_RATES } from './fees.ts';
import { legCosts } from './legCosts.ts';
import type { PlanInput } from './PlanInput.ts';
import { planRebalance } from './planRebalance.ts';
import { resolvePlanUniverse } from './resolvePlanUniverse.ts';
import { trackingError } from './trackingError.ts';
import type { Plan } from './types.ts';

/**
 * Small accounts of expensive shares (2-4 holdings at 200,000-980,000 won, a few shares each, up to 2 million won
 * of deposit), where every share is several percent of the account and whole shares decide the tracking error,
 * with random weights, cash targets, sellable shares, sides, splits, fees, drift bands and minimum trade values.
 * Small enough for an exhaustive search of every post-trade quantity.
 */
const smallAccountArb = smallPlanInputs({
  holdings: { min: 2, max: 4 },
  priceK: { min: 200, max: 980 },
  maxQty: 5,
  sellableFreq: 4,
  maxExplicitWeight: 60,
  deposit: fc.integer({ min: 0, max: 2_000_000 }),
  cashPcts: [0, 0, 1, 3, 5, 10],
  sideOnWeight: 5,
});

interface Ranked {
  readonly qty: readonly number[];
  readonly te: number;
  readonly costs: number;
  readonly shares: number;
}

/**
 * Every post-trade quantity of every member, written from the rules, not from the planner's code: a member
 * inside target ± band keeps its shares; a leg is at least the minimum value; sells within the sellable shares
 * and only with sells enabled, buys only with buys enabled; anything bought leaves cash (fees per round order) at
 * or above the cash target of the plan-time total. Best: least tracking error, then costs, then shares traded.
 */
function exhaustiveOptimum(input: PlanInput): Ranked {
  const universe = resolvePlanUniverse(input);
  const fees = input.fees ?? DEFAULT_FEE_RATES;
  const s = input.settings;
  const total = universe.totalValue;
  const members = universe.members;
  const reserve = Math.ceil((total * universe.cashPct) / 100);
  const band = s.driftBandPp ?? 0;
  const minTrade = s.minTradeValue ?? 0;
  let allCash = input.account.deposit;
  for (const m of members) allCash += m.sellableQty * m.price;
  const choices = members.map((m) => {
    const inBand = band > 0 && Math.abs((100 * m.heldQty * m.price) / total - m.targetPct) <= band;
    const out: number[] = [];
    const low = s.sellEnabled && !inBand ? m.heldQty - m.sellableQty : m.heldQty;
    const high = s.buyEnabled && !inBand ? m.heldQty + Math.floor(allCash / m.price) : m.heldQty;
    for (let q = low; q <= high; q++) {
      if (q === m.heldQty || Math.abs(q - m.heldQty) * m.price >= minTrade) out.push(q);
    }
    return out;
  });
  let best: Ranked | undefined;
  const qty: number[] = members.map((m) => m.heldQty);
  const visit = (i: number): void => {
    if (i === members.length) {
      let cash = input.account.deposit;
      let costs = 0;
      let shares = 0;
      let buys = false;
      members.forEach((m, k) => {
        const q = qty[k] as number;
        if (q < m.heldQty) {
          const c = legCosts('sell', m.price, m.heldQty - q, s.sellSplit, fees);
          cash += (m.heldQty - q) * m.price - c;
          costs += c;
        } else if (q > m.heldQty) {
          const c = legCosts('buy', m.price, q - m.heldQty, s.buySplit, fees);
          cash -= (q - m.heldQty) * m.price + c;
          costs += c;
          buys = true;
        }
        shares += Math.abs(q - m.heldQty);
      });
      if (buys && cash < reserve) return;
      const te = trackingError(
        members.map((m, k) => ({ value: (qty[k] as number) * m.price, targetPct: m.targetPct })),
        { value: cash, targetPct: universe.cashTargetPct },
      );
      const better =
        best === undefined ||
        te < best.te - 1e-9 ||
        (Math.abs(te - best.te) <= 1e-9 && (costs < best.costs || (costs === best.costs && shares < best.shares)));
      if (better) best = { qty: [...qty], te, costs, shares };
      return;
    }
    for (const q of choices[i] as number[]) {
      qty[i] = q;
      visit(i + 1);
    }
    qty[i] = (members[i] as { heldQty: number }).heldQty;
  };
  visit(0);
  if (best === undefined) throw new Error('keeping every share is always a plan');
  return best;
}

function planQty(input: PlanInput, plan: Plan): number[] {
  const delta = new Map<string, number>();
  for (const l of plan.sells) delta.set(l.code, -l.qty);
  for (const l of plan.buys) delta.set(l.code, l.qty);
  return resolvePlanUniverse(input).members.map((m) => m.heldQty + (delta.get(m.code) ?? 0));
}

describe('planRebalance against an exhaustive search on small accounts of expensive shares', () => {
  test('lands on the optimum: same tracking error, and on a tie no dearer; and says it is optimal', () => {
    fc.assert(
      fc.property(smallAccountArb, (input) => {
        const plan = planRebalance(input);
        const best = exhaustiveOptimum(input);
        const tracking = plan.tracking;
        expect(tracking).toBeDefined();
        if (tracking === undefined) return;
        expect(tracking.after).toBeCloseTo(best.te, 9);
        expect(tracking.optimal).toBe(true);
        expect(tracking.lowerBound).toBeCloseTo(best.te, 9);
        if (Math.abs(tracking.after - best.te) <= 1e-9) expect(plan.estimatedCosts).toBeLessThanOrEqual(best.costs);
        // The plan's legs are what the tracking error was computed on.
        const universe = resolvePlanUniverse(input);
        const qty = planQty(input, plan);
        const te = trackingError(
          universe.members.map((m, k) => ({ value: (qty[k] as number) * m.price, targetPct: m.targetPct })),
          { value: plan.projected.cash, targetPct: universe.cashTargetPct },
        );
        expect(te).toBeCloseTo(tracking.after, 9);
      }),
      { numRuns: 120 },
    );
  });
});
