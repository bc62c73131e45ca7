import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_FEE_RATES } from './fees.ts';
import { legCost, resizeBuys } from './resizeBuys.ts';
import { splitRounds } from './splitRounds.ts';
import type { PlanLeg } from './types.ts';

const fees = DEFAULT_FEE_RATES;

function leg(code: string, price: number, qty: number, rounds = 3): PlanLeg {
  return {
    code,
    name: code,
    price,
    qty,
    rounds: splitRounds(qty, rounds),
    heldQty: 0,
    targetValue: price * qty,
    targetPct: 10,
  };
}

const totalCost = (legs: readonly PlanLeg[]) =>
  legs.reduce((sum, l) => sum + legCost(l.qty, l.price, l.rounds.length, fees), 0);

describe('resizeBuys', () => {
  test('keeps the planned legs unchanged when the cash covers them', () => {
    const legs = [leg('005930', 70_000, 10), leg('000660', 150_000, 4)];
    const out = resizeBuys({ legs, orderableCash: 10_000_000, cashReserve: 0, fees });
    expect(out).toEqual(legs);
  });

  test('never buys more than planned when there is more cash than the plan expected', () => {
    const legs = [leg('005930', 70_000, 10)];
    const out = resizeBuys({ legs, orderableCash: 100_000_000, cashReserve: 0, fees });
    expect(out[0]?.qty).toBe(10);
  });

  test('shrinks every leg by about the same factor when the cash is short', () => {
    const legs = [leg('005930', 10_000, 100), leg('000660', 10_000, 50)];
    const out = resizeBuys({ legs, orderableCash: 750_000, cashReserve: 0, fees });
    // Half the cash: about half of each leg, commission keeps one share out.
    expect(out[0]?.qty).toBeGreaterThanOrEqual(49);
    expect(out[1]?.qty).toBeGreaterThanOrEqual(24);
    expect(out.map((l) => l.qty).reduce((a, b) => a + b)).toBe(74);
    expect(totalCost(out)).toBeLessThanOrEqual(750_000);
  });

  test('covers a shortfall of a few thousand won with cheap shares, not a share of the dearest leg', () => {
    // The plan spent down to 621 won above the reserve; asks a tick above the plan prices cost about 7,000 more.
    // Scaling every leg by 0.997 would floor 6 shares of 380,000 won to 5 (3% of the account).
    const legs = [leg('373220', 380_000, 6, 2), leg('000660', 198_500, 7, 2), leg('123450', 1_000, 398, 2)];
    const planned = totalCost(legs);
    const prices = { '373220': 380_500, '000660': 199_000, '123450': 1_005 };
    const out = resizeBuys({ legs, orderableCash: planned + 621, cashReserve: 0, fees, prices });
    expect(out.map((l) => l.qty).slice(0, 2)).toEqual([6, 7]);
    expect(out[2]?.qty).toBeGreaterThan(380);
    const spent = out.reduce((sum, l) => sum + legCost(l.qty, prices[l.code as keyof typeof prices], 2, fees), 0);
    expect(spent).toBeLessThanOrEqual(planned + 621);
  });

  test('keeps the cash reserve out of the budget', () => {
    const legs = [leg('005930', 10_000, 100)];
    const out = resizeBuys({ legs, orderableCash: 1_000_000, cashReserve: 500_000, fees });
    expect(totalCost(out)).toBeLessThanOrEqual(500_000);
    expect(out[0]?.qty).toBe(49);
  });

  test('buys nothing when the reserve takes all the cash', () => {
    const legs = [leg('005930', 10_000, 100, 4)];
    const out = resizeBuys({ legs, orderableCash: 300_000, cashReserve: 400_000, fees });
    expect(out[0]?.qty).toBe(0);
    expect(out[0]?.rounds).toEqual([0, 0, 0, 0]);
  });

  test('budgets each leg at the price given for now rather than the plan price', () => {
    const legs = [leg('005930', 10_000, 100)];
    const out = resizeBuys({ legs, orderableCash: 1_010_000, cashReserve: 0, fees, prices: { '005930': 20_000 } });
    expect(out[0]?.qty).toBe(50);
    expect(out[0]?.price).toBe(10_000);
  });

  test('re-splits the rounds over the same number of rounds', () => {
    const legs = [leg('005930', 10_000, 100, 4)];
    const out = resizeBuys({ legs, orderableCash: 500_000, cashReserve: 0, fees });
    expect(out[0]?.rounds).toEqual(splitRounds(out[0]?.qty ?? -1, 4));
  });

  test('rejects a negative cash amount and a price that is not whole won', () => {
    expect(() => resizeBuys({ legs: [], orderableCash: -1, cashReserve: 0, fees })).toThrow(RangeError);
    expect(() => resizeBuys({ legs: [leg('005930', 0, 1)], orderableCash: 10, cashReserve: 0, fees })).toThrow(
      RangeError,
    );
  });

  const legsArb = fc
    .array(
      fc.record({
        price: fc.integer({ min: 1, max: 1_000_000 }),
        qty: fc.integer({ min: 0, max: 5_000 }),
        rounds: fc.integer({ min: 1, max: 12 }),
      }),
      { maxLength: 12 },
    )
    .map((rows) => rows.map((r, i) => leg(String(100_000 + i), r.price, r.qty, r.rounds)));

  test('never spends more than the orderable cash minus the reserve, commission of every order included', () => {
    fc.assert(
      fc.property(
        legsArb,
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        (legs, cash, reserve) => {
          const out = resizeBuys({ legs, orderableCash: cash, cashReserve: reserve, fees });
          expect(totalCost(out)).toBeLessThanOrEqual(Math.max(0, cash - reserve));
        },
      ),
    );
  });

  test('never exceeds a planned quantity, keeps whole rounds that sum to the leg, and leaves no leg short that one more share could fill', () => {
    fc.assert(
      fc.property(legsArb, fc.integer({ min: 0, max: 2_000_000_000 }), (legs, cash) => {
        const out = resizeBuys({ legs, orderableCash: cash, cashReserve: 0, fees });
        const spent = totalCost(out);
        out.forEach((l, i) => {
          const planned = legs[i] as PlanLeg;
          expect(Number.isInteger(l.qty) && l.qty >= 0 && l.qty <= planned.qty).toBe(true);
          expect(l.rounds).toHaveLength(planned.rounds.length);
          expect(l.rounds.reduce((a, b) => a + b, 0)).toBe(l.qty);
          if (l.qty < planned.qty) {
            const more =
              legCost(l.qty + 1, l.price, l.rounds.length, fees) - legCost(l.qty, l.price, l.rounds.length, fees);
            expect(spent + more).toBeGreaterThan(cash);
          }
        });
      }),
    );
  });
});
