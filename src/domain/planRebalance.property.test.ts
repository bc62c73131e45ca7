import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { seedPlan } from '../../bench/seedPlanner.ts';
import { evaluateQuantities } from './evaluateQuantities.ts';
import { DEFAULT_FEE_RATES, purchaseCost, saleProceeds } from './fees.ts';
import { floorQuantities } from './floorQuantities.ts';
import { legCosts } from './legCosts.ts';
import { rankQuantityCandidates } from './optimizeQuantities.ts';
import type { PlanInput } from './PlanInput.ts';
import { planRebalance } from './planRebalance.ts';
import { makeQuantityProblem } from './QuantityProblem.ts';
import { resolvePlanUniverse } from './resolvePlanUniverse.ts';
import type { FeeRates, Plan, Position, PriceQuote } from './types.ts';

/**
 * Random KRX-like portfolios: 3-50 holdings, prices 1,000-1,500,000 won, cash 0-50% of the holdings' value, cash
 * targets 0-10%, weights all equal, partly or all explicit, exclusions, added codes, partly sellable or untradable
 * positions, either side disabled, 1-20 rounds, and three fee schedules.
 */
const portfolioArb = fc.integer({ min: 3, max: 50 }).chain((n) => {
  const perHolding = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
  return fc
    .record({
      codes: fc.uniqueArray(fc.integer({ min: 0, max: 999_999 }), { minLength: n + 3, maxLength: n + 3 }),
      prices: fc.array(fc.integer({ min: 1_000, max: 1_500_000 }), { minLength: n + 3, maxLength: n + 3 }),
      values: perHolding(fc.integer({ min: 0, max: 80_000_000 })),
      sellable: perHolding(
        fc.oneof(
          { weight: 12, arbitrary: fc.constant(-1) },
          { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
        ),
      ),
      excludedIndexes: fc.oneof(
        { weight: 4, arbitrary: fc.constant<number[]>([]) },
        { weight: 1, arbitrary: fc.array(fc.nat({ max: n - 1 }), { maxLength: 2 }) },
      ),
      addedCount: fc.integer({ min: 0, max: 3 }),
      depositShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
      cashPct: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 20 }).map((x) => x / 2),
      ),
      weightMode: fc.constantFrom('equal', 'some', 'all'),
      rawWeights: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 2 }), {
        minLength: n + 3,
        maxLength: n + 3,
      }),
      explicitShare: fc.double({ min: 0, max: 1, noNaN: true }),
      sellSplit: fc.integer({ min: 1, max: 20 }),
      buySplit: fc.integer({ min: 1, max: 20 }),
      sellEnabled: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      buyEnabled: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      fees: fc.constantFrom<FeeRates>(
        DEFAULT_FEE_RATES,
        { commissionPpm: 0, sellTaxPpm: 0 },
        { commissionPpm: 3_000, sellTaxPpm: 5_000 },
      ),
    })
    .map((r): PlanInput => {
      const code = (i: number) => String(r.codes[i]).padStart(6, '0');
      const price = (i: number) => r.prices[i] as number;
      const positions: Position[] = r.values.map((v, i) => {
        const qty = Math.floor(v / price(i));
        const s = r.sellable[i] as number;
        return {
          code: code(i),
          name: `종목${i}`,
          qty,
          price: price(i),
          ...(s < 0 ? {} : { sellableQty: Math.floor(s * qty) }),
        };
      });
      const invested = positions.reduce((sum, p) => sum + p.qty * p.price, 0);
      const quotes: PriceQuote[] = [];
      const added: string[] = [];
      for (let k = 0; k < r.addedCount; k++) {
        quotes.push({ code: code(n + k), name: `신규${k}`, price: price(n + k) });
        added.push(code(n + k));
      }
      const excluded = positions.filter((_, i) => r.excludedIndexes.includes(i)).map((p) => p.code);
      const eligible = [
        ...positions.filter((p) => p.qty > 0 && p.sellableQty !== 0).map((p) => p.code),
        ...added,
      ].filter((c) => !excluded.includes(c));
      const weights: Record<string, number> = {};
      if (r.weightMode !== 'equal') {
        const room = (100 - r.cashPct) * (r.weightMode === 'all' ? 1 : r.explicitShare);
        const chosen = eligible
          .map((c, i) => ({ c, w: r.rawWeights[i] }))
          .filter((x) => r.weightMode === 'all' || x.w !== null)
          .map((x) => ({ c: x.c, w: x.w ?? 0.5 }));
        const sum = chosen.reduce((s, x) => s + x.w, 0);
        for (const x of chosen) weights[x.c] = sum > 0 ? Math.floor((x.w / sum) * room * 100) / 100 : 0;
      }
      return {
        account: { deposit: Math.floor(invested * r.depositShare), positions },
        quotes,
        settings: {
          weights,
          excluded,
          added,
          cashPct: r.cashPct,
          sellSplit: r.sellSplit,
          buySplit: r.buySplit,
          sellEnabled: r.sellEnabled,
          buyEnabled: r.buyEnabled,
        },
        fees: r.fees,
      };
    });
});

const RUNS = { numRuns: 250 };

/** The same portfolios with a drift band (0.5-5 pp) and a minimum trade value (0-2,000,000 won). */
const bandedArb = portfolioArb.chain((input) =>
  fc
    .record({
      band: fc.constantFrom(0, 0.5, 1, 2, 5),
      minTrade: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000_000 })),
    })
    .map(
      ({ band, minTrade }): PlanInput => ({
        ...input,
        settings: { ...input.settings, driftBandPp: band, minTradeValue: minTrade },
      }),
    ),
);

/** Post-trade shares by member, as resolvePlanUniverse lists them. */
function memberQty(input: PlanInput, plan: Plan): number[] {
  const delta = new Map<string, number>();
  for (const l of plan.sells) delta.set(l.code, -l.qty);
  for (const l of plan.buys) delta.set(l.code, l.qty);
  return resolvePlanUniverse(input).members.map((m) => m.heldQty + (delta.get(m.code) ?? 0));
}

describe('planRebalance on random portfolios', () => {
  test('every quantity is a whole number and every leg splits into rounds that sum to it', () => {
    fc.assert(
      fc.property(portfolioArb, (input) => {
        const plan = planRebalance(input);
        for (const [legs, split] of [
          [plan.sells, input.settings.sellSplit],
          [plan.buys, input.settings.buySplit],
        ] as const) {
          for (const leg of legs) {
            expect(Number.isSafeInteger(leg.qty) && leg.qty > 0).toBe(true);
            expect(leg.rounds).toHaveLength(split);
            expect(leg.rounds.every((q) => Number.isSafeInteger(q) && q >= 0)).toBe(true);
            expect(leg.rounds.reduce((a, b) => a + b, 0)).toBe(leg.qty);
          }
        }
      }),
      RUNS,
    );
  });

  test('never sells more than the sellable shares, and trades only what the settings allow', () => {
    fc.assert(
      fc.property(portfolioArb, (input) => {
        const plan = planRebalance(input);
        const held = new Map(input.account.positions.map((p) => [p.code, p]));
        for (const leg of plan.sells) {
          const p = held.get(leg.code);
          expect(p).toBeDefined();
          expect(leg.qty).toBeLessThanOrEqual(p?.sellableQty ?? p?.qty ?? 0);
        }
        if (!input.settings.sellEnabled) expect(plan.sells).toEqual([]);
        if (!input.settings.buyEnabled) expect(plan.buys).toEqual([]);
        const sold = new Set(plan.sells.map((l) => l.code));
        for (const leg of plan.buys) expect(sold.has(leg.code)).toBe(false);
        const untouchable = new Set([
          ...input.settings.excluded,
          ...input.account.positions.filter((p) => p.qty > 0 && p.sellableQty === 0).map((p) => p.code),
        ]);
        for (const leg of [...plan.sells, ...plan.buys]) expect(untouchable.has(leg.code)).toBe(false);
        for (const e of plan.excluded) expect(untouchable.has(e.code)).toBe(true);
      }),
      RUNS,
    );
  });

  test('total buy cost never exceeds deposit + sale proceeds - cash target, and cash never goes negative', () => {
    fc.assert(
      fc.property(portfolioArb, (input) => {
        const plan = planRebalance(input);
        const fees = input.fees ?? DEFAULT_FEE_RATES;
        const { sellSplit, buySplit, cashPct } = input.settings;
        const proceeds = plan.sells.reduce(
          (s, l) => s + l.qty * l.price - legCosts('sell', l.price, l.qty, sellSplit, fees),
          0,
        );
        const buyCost = plan.buys.reduce(
          (s, l) => s + l.qty * l.price + legCosts('buy', l.price, l.qty, buySplit, fees),
          0,
        );
        const cashTarget = Math.ceil((plan.totalValue * cashPct) / 100);
        if (plan.buys.length > 0) expect(buyCost).toBeLessThanOrEqual(input.account.deposit + proceeds - cashTarget);
        // Per-round costs are never below one order per leg: the budget also holds on that reckoning.
        const perLegProceeds = plan.sells.reduce((s, l) => s + saleProceeds(l.qty * l.price, fees), 0);
        const perLegBuys = plan.buys.reduce((s, l) => s + purchaseCost(l.qty * l.price, fees), 0);
        if (plan.buys.length > 0)
          expect(perLegBuys).toBeLessThanOrEqual(input.account.deposit + perLegProceeds - cashTarget);
        expect(plan.projected.cash).toBe(input.account.deposit + proceeds - buyCost);
        expect(plan.projected.cash).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  test("tracking error is never above the seed design's floor plan, computed two independent ways", () => {
    fc.assert(
      fc.property(portfolioArb, (input) => {
        const plan = planRebalance(input);
        const universe = resolvePlanUniverse(input);
        const problem = makeQuantityProblem(universe, input, input.fees ?? DEFAULT_FEE_RATES);
        const ours = evaluateQuantities(problem, memberQty(input, plan));
        const floorQty = floorQuantities(problem);
        const floor = evaluateQuantities(problem, floorQty);
        expect(ours.trackingError).toBeLessThanOrEqual(floor.trackingError + 1e-12);
        // The benchmark's stand-alone reproduction of the seed lands on the same quantities and cash.
        const seed = seedPlan(input);
        expect(seed.qty).toEqual(floorQty);
        expect(seed.cash).toBe(floor.cash);
      }),
      RUNS,
    );
  });

  test("with no band and no minimum, never worse than today's planner (its candidates start the search)", () => {
    fc.assert(
      fc.property(portfolioArb, (input) => {
        const plan = planRebalance(input);
        const problem = makeQuantityProblem(resolvePlanUniverse(input), input, input.fees ?? DEFAULT_FEE_RATES);
        const today = rankQuantityCandidates(problem).filter((c) => c.name !== 'hold')[0];
        const ours = evaluateQuantities(problem, memberQty(input, plan));
        if (today !== undefined) expect(ours.trackingError).toBeLessThanOrEqual(today.outcome.trackingError + 1e-9);
        expect(plan.tracking?.after).toBeCloseTo(ours.trackingError, 9);
        expect(plan.tracking?.lowerBound).toBeLessThanOrEqual(ours.trackingError + 1e-9);
        expect(plan.tracking?.withoutBand).toBe(plan.tracking?.after);
        expect(plan.droppedLegs).toEqual({ band: 0, minimum: 0 });
      }),
      { numRuns: 150 },
    );
  });
});

describe('planRebalance with a drift band and a minimum trade value, on random portfolios', () => {
  test('no leg for a holding inside its band, none below the minimum, buys within the cash there will be', () => {
    fc.assert(
      fc.property(bandedArb, (input) => {
        const plan = planRebalance(input);
        const fees = input.fees ?? DEFAULT_FEE_RATES;
        const { sellSplit, buySplit, cashPct, driftBandPp = 0, minTradeValue = 0 } = input.settings;
        const universe = resolvePlanUniverse(input);
        const byCode = new Map(universe.members.map((m) => [m.code, m]));
        for (const leg of [...plan.sells, ...plan.buys]) {
          const m = byCode.get(leg.code);
          expect(m).toBeDefined();
          if (m === undefined) continue;
          const weight = (100 * m.heldQty * m.price) / universe.totalValue;
          expect(driftBandPp === 0 || Math.abs(weight - m.targetPct) > driftBandPp).toBe(true);
          expect(leg.qty * leg.price).toBeGreaterThanOrEqual(minTradeValue);
        }
        const proceeds = plan.sells.reduce(
          (s, l) => s + l.qty * l.price - legCosts('sell', l.price, l.qty, sellSplit, fees),
          0,
        );
        const buyCost = plan.buys.reduce(
          (s, l) => s + l.qty * l.price + legCosts('buy', l.price, l.qty, buySplit, fees),
          0,
        );
        if (plan.buys.length > 0) {
          expect(buyCost).toBeLessThanOrEqual(
            input.account.deposit + proceeds - Math.ceil((plan.totalValue * cashPct) / 100),
          );
        }
        expect(plan.projected.cash).toBe(input.account.deposit + proceeds - buyCost);
        expect((plan.estimatedFees?.commission ?? 0) + (plan.estimatedFees?.tax ?? 0)).toBe(plan.estimatedCosts);
        const dropped = plan.droppedLegs ?? { band: 0, minimum: 0 };
        if (driftBandPp === 0) expect(dropped.band).toBe(0);
        if (minTradeValue === 0) expect(dropped.minimum).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
