import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { affordableQty } from './affordableQty.ts';
import { DEFAULT_FEE_RATES, purchaseCost } from './fees.ts';

describe('affordableQty', () => {
  test('is the largest quantity whose cost with commission fits the cash', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000_000 }),
        fc.integer({ min: 1, max: 3_000_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (cash, price, commissionPpm) => {
          const rates = { commissionPpm, sellTaxPpm: 2_000 };
          const qty = affordableQty(cash, price, rates);
          expect(Number.isSafeInteger(qty) && qty >= 0).toBe(true);
          if (qty > 0) expect(purchaseCost(qty * price, rates)).toBeLessThanOrEqual(cash);
          expect(purchaseCost((qty + 1) * price, rates)).toBeGreaterThan(cash);
        },
      ),
    );
  });

  test('leaves out the share the commission would not cover', () => {
    // 10 x 10,000 = 100,000 exactly; the commission (15 won) makes 10 shares one too many.
    expect(affordableQty(100_000, 10_000, DEFAULT_FEE_RATES)).toBe(9);
    expect(affordableQty(100_015, 10_000, DEFAULT_FEE_RATES)).toBe(10);
    expect(affordableQty(0, 10_000, DEFAULT_FEE_RATES)).toBe(0);
  });

  test('refuses a price that is not a whole positive number of won', () => {
    expect(() => affordableQty(1_000, 0, DEFAULT_FEE_RATES)).toThrow(RangeError);
    expect(() => affordableQty(1_000, 1.5, DEFAULT_FEE_RATES)).toThrow(RangeError);
  });
});
