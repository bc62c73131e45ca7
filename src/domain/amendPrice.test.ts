import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { amendPrice } from './amendPrice.ts';
import { priceLimits } from './priceLimits.ts';
import { isOnTick } from './ticks.ts';

const quote = { price: 70_000, bestBid: 69_900, bestAsk: 70_100, upperLimit: 91_000, lowerLimit: 49_000 };

describe('amendPrice', () => {
  test.each([
    ['sell', 'best', quote, 69_900],
    ['buy', 'best', quote, 70_100],
    ['sell', 'last', quote, 70_000],
    ['buy', 'last', quote, 70_000],
    ['sell', 'best', { ...quote, bestBid: 0 }, 70_000],
    ['buy', 'best', { ...quote, bestAsk: 0 }, 70_000],
    ['buy', 'best', { ...quote, bestAsk: 95_000 }, 91_000],
    ['sell', 'best', { ...quote, bestBid: 40_000 }, 49_000],
    ['sell', 'last', { ...quote, price: 70_050 }, 70_000],
    ['buy', 'last', { ...quote, price: 70_050 }, 70_100],
  ] as const)('moves a %s order in mode %s to the valid price for %j: %i', (side, mode, q, expected) => {
    expect(amendPrice(side, q, mode)).toBe(expected);
  });

  test('gives no price when the quote has none', () => {
    expect(amendPrice('sell', { ...quote, price: 0, bestBid: 0 }, 'best')).toBeUndefined();
    expect(amendPrice('buy', { ...quote, upperLimit: 0, lowerLimit: 0 }, 'last')).toBeUndefined();
  });

  test('always lands on a valid tick inside the daily limits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 2_000_000 }),
        fc.integer({ min: 1, max: 3_000_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.constantFrom('best' as const, 'last' as const),
        (base, last, best, side, mode) => {
          const { upper, lower } = priceLimits(base);
          const p = amendPrice(
            side,
            { price: last, bestBid: best, bestAsk: best, upperLimit: upper, lowerLimit: lower },
            mode,
          );
          expect(p).toBeDefined();
          expect(isOnTick(p ?? 0)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(lower);
          expect(p).toBeLessThanOrEqual(upper);
        },
      ),
    );
  });
});
