import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { smallPlanInputs } from '../../test/kit/smallPlanInputs.ts';
import { evaluateQuantities } from './evaluateQuantities.ts';
import { DEFAULT_FEE_RATES } from './fees.ts';
import { optimizeQuantities } from './optimizeQuantities.ts';
import type { PlanInput } from './PlanInput.ts';
import { legAllowed, makeQuantityProblem, type QuantityProblem } from './QuantityProblem.ts';
import { resolvePlanUniverse } from './resolvePlanUniverse.ts';
import { searchQuantities } from './searchQuantities.ts';

/**
 * Small random accounts (1-4 holdings, 20,000-980,000 won a share, 0-6 shares each, up to 3 million won of
 * deposit, often little of it) with random weights, cash targets, sellable shares, sides, splits, fees, drift bands and minimum trade
 * values: small enough to try every post-trade quantity, and often short of cash for every underweight member.
 */
const accountArb = smallPlanInputs({
  holdings: { min: 1, max: 4 },
  priceK: { min: 20, max: 980 },
  maxQty: 6,
  sellableFreq: 3,
  maxExplicitWeight: 70,
  deposit: fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 3_000_000 })),
  cashPcts: [0, 0, 1, 3, 5, 10, 20, 40],
  sideOnWeight: 3,
});

function problemOf(input: PlanInput): QuantityProblem {
  return makeQuantityProblem(resolvePlanUniverse(input), input, input.fees ?? DEFAULT_FEE_RATES);
}

/**
 * The least tracking error of every whole-share plan: each member from 0 to what all the cash there could be
 * would buy, each leg allowed (legAllowed), and anything bought leaving cash (evaluateQuantities: fees per round
 * order) at or above the reserve.
 */
function exhaustiveOptimum(problem: QuantityProblem): number {
  const { members } = problem;
  let allCash = problem.deposit;
  for (const m of members) allCash += m.heldQty * m.price;
  const qty = members.map((m) => m.heldQty);
  let best = Number.POSITIVE_INFINITY;
  const visit = (i: number): void => {
    if (i === members.length) {
      const buys = qty.some((q, k) => q > (members[k]?.heldQty ?? 0));
      const outcome = evaluateQuantities(problem, qty);
      if (!buys || outcome.cash >= problem.reserve) best = Math.min(best, outcome.trackingError);
      return;
    }
    const m = members[i] as (typeof members)[number];
    for (let q = 0; q <= m.heldQty + Math.floor(allCash / m.price); q++) {
      if (!legAllowed(problem, i, q)) continue;
      qty[i] = q;
      visit(i + 1);
    }
    qty[i] = m.heldQty;
  };
  visit(0);
  return best;
}

describe('cash-coupled LP lower bound', () => {
  test('never above the exhaustive optimum, never above the plan, never below the own-share bound', () => {
    fc.assert(
      fc.property(accountArb, (input) => {
        const problem = problemOf(input);
        const optimum = exhaustiveOptimum(problem);
        const result = optimizeQuantities(problem);
        // Stopped at once, the search reports the root bound: the better of the two, never above the plan.
        const stopped = searchQuantities(problem, [result.qty], 0);
        expect(stopped.lowerBound).toBeLessThanOrEqual(optimum + 1e-9);
        // Only an empty account or one with no members has nothing to search (and so nothing to bound).
        const searchable = problem.totalValue > 0 && problem.members.length > 0;
        expect(stopped.optimal).toBe(!searchable);
        if (!searchable) return;
        const lp = stopped.lpBound as number;
        expect(lp).toBeLessThanOrEqual(optimum + 1e-9);
        expect(lp).toBeLessThanOrEqual(result.outcome.trackingError + 1e-9);
        expect(stopped.lowerBound).toBeGreaterThanOrEqual(Math.min(stopped.ownBound, stopped.outcome.trackingError));
        expect(stopped.lowerBound).toBeGreaterThanOrEqual(Math.min(lp, stopped.outcome.trackingError));
        expect(stopped.lowerBound).toBeLessThanOrEqual(optimum + 1e-9);
      }),
      { numRuns: 1_500 },
    );
  });
});

describe('cash-coupled LP lower bound, worked cases', () => {
  test('buys disabled with idle cash: the cash bucket counts, so the bound is the whole gap, not half of it', () => {
    // 1 share each of two codes at 100,000 won, 800,000 won of cash, 50/50 weights, no cash target, no buys:
    // nothing can be bought, holding is the best (each member 40 pp under, cash 80 pp over: 80 pp).
    const input: PlanInput = {
      account: {
        deposit: 800_000,
        positions: [
          { code: '100000', name: '종목0', qty: 1, price: 100_000 },
          { code: '101110', name: '종목1', qty: 1, price: 100_000 },
        ],
      },
      quotes: [],
      settings: {
        weights: { '100000': 50, '101110': 50 },
        excluded: [],
        added: [],
        cashPct: 0,
        sellSplit: 1,
        buySplit: 1,
        sellEnabled: true,
        buyEnabled: false,
      },
    };
    const problem = problemOf(input);
    expect(exhaustiveOptimum(problem)).toBeCloseTo(80, 9);
    // Stopped before its first node, the search has only its root bound to report.
    const stopped = searchQuantities(problem, [problem.members.map((m) => m.heldQty)], 0);
    expect(stopped.optimal).toBe(false);
    // 80 pp less the fee bracket's slack (the post-trade total is only known within the most any plan could pay);
    // the own-share bound counted the members' 40 pp each and left the cash out: 40 pp.
    expect(stopped.ownBound).toBeLessThan(40.01);
    expect(stopped.lowerBound).toBeGreaterThan(79.9);
  });

  test('buys limited by cash: two underweight members cannot both be bought', () => {
    // Sells disabled; one holding far over its 20% (800,000 of 1,020,000 won), two at 10,000 won far under their
    // 40%; the 200,000 won of cash covers only part of what the two need.
    const input: PlanInput = {
      account: {
        deposit: 200_000,
        positions: [
          { code: '100000', name: '종목0', qty: 1, price: 10_000 },
          { code: '101110', name: '종목1', qty: 1, price: 10_000 },
          { code: '102220', name: '종목2', qty: 8, price: 100_000 },
        ],
      },
      quotes: [],
      settings: {
        weights: { '100000': 40, '101110': 40, '102220': 20 },
        excluded: [],
        added: [],
        cashPct: 0,
        sellSplit: 1,
        buySplit: 1,
        sellEnabled: false,
        buyEnabled: true,
      },
    };
    const problem = problemOf(input);
    const optimum = exhaustiveOptimum(problem);
    const stopped = searchQuantities(problem, [problem.members.map((m) => m.heldQty)], 0);
    expect(stopped.optimal).toBe(false);
    // The own-share bound lets each of the two spend all the cash (half of the gap each would close is missing);
    // together they can take only the 200,000 won there is.
    expect(stopped.ownBound).toBeLessThan(optimum - 10);
    // Within a share of the cheap ones (1 pp: 200,000 won buys 19 of them and their commission, not 20).
    expect(stopped.lowerBound).toBeGreaterThan(optimum - 1.1);
    expect(stopped.lowerBound).toBeLessThanOrEqual(optimum + 1e-9);
  });
});
