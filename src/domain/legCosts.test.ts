import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_FEE_RATES, tradeCosts } from './fees.ts';
import { legCosts } from './legCosts.ts';
import { splitRounds } from './splitRounds.ts';

describe('legCosts', () => {
  test('costs nothing for an empty leg', () => {
    expect(legCosts('sell', 71_200, 0, 10, DEFAULT_FEE_RATES)).toBe(0);
  });

  test('charges each round order its own rounded-up commission', () => {
    // 3 shares in 10 rounds: 3 orders of 1 share at 1,000 won; commission 0.15 won each, rounded up to 1.
    expect(legCosts('buy', 1_000, 3, 10, DEFAULT_FEE_RATES)).toBe(3);
    expect(tradeCosts('buy', 3_000, DEFAULT_FEE_RATES)).toBe(1);
  });

  test('charges sales tax on top of commission', () => {
    // One order of 10 x 71,200 = 712,000: commission 106.8 -> 107, tax 1,424.
    expect(legCosts('sell', 71_200, 10, 1, DEFAULT_FEE_RATES)).toBe(107 + 1_424);
  });

  test('equals the sum of the costs of the orders splitRounds makes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        fc.integer({ min: 1, max: 1_500_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.record({
          commissionPpm: fc.integer({ min: 0, max: 5_000 }),
          sellTaxPpm: fc.integer({ min: 0, max: 5_000 }),
        }),
        (side, price, qty, rounds, rates) => {
          const expected = splitRounds(qty, rounds).reduce(
            (sum, q) => sum + (q > 0 ? tradeCosts(side, q * price, rates) : 0),
            0,
          );
          expect(legCosts(side, price, qty, rounds, rates)).toBe(expected);
          expect(expected).toBeGreaterThanOrEqual(tradeCosts(side, qty * price, rates));
        },
      ),
    );
  });
});
