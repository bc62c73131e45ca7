import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { commission, DEFAULT_FEE_RATES, purchaseCost, saleProceeds, sellTax, tradeCosts } from './fees.ts';

describe('fees', () => {
  test.each([
    // 0.015% of 1,000,000 = 150; 0.20% = 2,000
    [1_000_000, 150, 2_000],
    // rounding up: 0.015% of 71,200 = 10.68 -> 11; 0.20% = 142.4 -> 143
    [71_200, 11, 143],
    [0, 0, 0],
  ])('commission and sales tax of %i won are %i and %i (rounded up)', (value, fee, tax) => {
    expect(commission(value, DEFAULT_FEE_RATES)).toBe(fee);
    expect(sellTax(value, DEFAULT_FEE_RATES)).toBe(tax);
  });

  test('buys pay commission only, sells commission plus tax', () => {
    expect(tradeCosts('buy', 1_000_000, DEFAULT_FEE_RATES)).toBe(150);
    expect(tradeCosts('sell', 1_000_000, DEFAULT_FEE_RATES)).toBe(2_150);
    expect(saleProceeds(1_000_000, DEFAULT_FEE_RATES)).toBe(997_850);
    expect(purchaseCost(1_000_000, DEFAULT_FEE_RATES)).toBe(1_000_150);
  });

  test('costs are whole won, never below the exact rate and less than one won above it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (value, commissionPpm, sellTaxPpm) => {
          const rates = { commissionPpm, sellTaxPpm };
          for (const [cost, ppm] of [
            [commission(value, rates), commissionPpm],
            [sellTax(value, rates), sellTaxPpm],
          ] as const) {
            expect(Number.isInteger(cost)).toBe(true);
            expect(cost * 1_000_000).toBeGreaterThanOrEqual(value * ppm);
            expect((cost - 1) * 1_000_000).toBeLessThan(value * ppm);
          }
        },
      ),
    );
  });
});
