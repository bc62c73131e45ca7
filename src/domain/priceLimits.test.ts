import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { clampToLimits, type PriceLimits, priceLimits, type TickRounding, toValidOrderPrice } from './priceLimits.ts';
import { type InstrumentKind, isOnTick, roundToTick } from './ticks.ts';
import type { Side } from './types.ts';

const kindArb = fc.constantFrom<InstrumentKind>('stock', 'etf');
const sideArb = fc.constantFrom<Side>('buy', 'sell');
const roundingArb = fc.constantFrom<TickRounding>('passive', 'aggressive');

describe('priceLimits', () => {
  test.each([
    // KRX's own examples (krx-rules.md; global.krx.co.kr). KRX's older 9,940 example gave 12,900 under the
    // pre-2023 table (50 tick from 10,000); today 12,920 is on the 10 tick.
    [16_020, 20_800, 11_220],
    [9_940, 12_920, 6_960],
    [9_980, 12_970, 6_990],
    // 71,200 x 0.3 = 21,360 -> 21,300 on the 100 tick; 92,500 -> 92,500 (100 tick); 49,900 is on the 50 tick.
    [71_200, 92_500, 49_900],
    // 1,000 x 0.3 = 300: small prices trade in single won.
    [1_000, 1_300, 700],
    [1, 1, 1],
    // 450,000 x 0.3 = 135,000; upper 585,000 on the 1,000 tick.
    [450_000, 585_000, 315_000],
    // 1,700 x 0.3 = 510; upper 2,210 on the 5 tick.
    [1_700, 2_210, 1_190],
    // 1,699 x 0.3 = 509.7 -> 509; upper 2,208 -> 2,205 (5 tick); lower 1,190.
    [1_699, 2_205, 1_190],
  ])('a stock with base price %i is limited to %i .. %i', (base, upper, lower) => {
    expect(priceLimits(base)).toEqual({ upper, lower });
  });

  test('an ETF uses its own tick table', () => {
    // 71,200 x 0.3 = 21,360 (5 tick at the base) -> upper 92,560, lower 49,840.
    expect(priceLimits(71_200, 'etf')).toEqual({ upper: 92_560, lower: 49_840 });
  });

  test('a leveraged ETF can be given its wider limit', () => {
    // 2x leverage: 60%. 10,000 x 0.6 = 6,000.
    expect(priceLimits(10_000, 'etf', 60)).toEqual({ upper: 16_000, lower: 4_000 });
  });

  test.each([0, -1, 1.5, Number.NaN])('rejects the base price %s', (base) => {
    expect(() => priceLimits(base)).toThrow(RangeError);
  });

  test('rejects a limit percent outside 1..99', () => {
    expect(() => priceLimits(10_000, 'stock', 0)).toThrow(RangeError);
    expect(() => priceLimits(10_000, 'stock', 100)).toThrow(RangeError);
  });

  test('limits are on the tick grid, around the base, and within 30% of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), kindArb, (base, kind) => {
        const { upper, lower } = priceLimits(base, kind);
        expect(isOnTick(upper, kind)).toBe(true);
        expect(isOnTick(lower, kind)).toBe(true);
        expect(upper).toBeGreaterThanOrEqual(base);
        expect(lower).toBeLessThanOrEqual(base);
        expect((upper - base) * 10).toBeLessThanOrEqual(base * 3);
        // An on-tick base keeps the lower limit within 30% too (base - amount is already on the grid).
        const onTickBase = roundToTick(base, 'down', kind);
        const onTick = priceLimits(onTickBase, kind);
        expect((onTickBase - onTick.lower) * 10).toBeLessThanOrEqual(onTickBase * 3);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('clampToLimits', () => {
  const limits: PriceLimits = { upper: 20_800, lower: 11_220 };

  test.each([
    [25_000, 20_800],
    [20_800, 20_800],
    [15_000, 15_000],
    [11_220, 11_220],
    [5_000, 11_220],
  ])('%i clamped to 11,220..20,800 is %i', (price, expected) => {
    expect(clampToLimits(price, limits)).toBe(expected);
  });

  test('rejects limits whose lower is above the upper', () => {
    expect(() => clampToLimits(15_000, { upper: 10_000, lower: 11_000 })).toThrow(RangeError);
  });
});

describe('toValidOrderPrice', () => {
  const limits: PriceLimits = { upper: 20_800, lower: 11_220 };

  test.each<[number, Side, TickRounding, number]>([
    [15_003, 'buy', 'passive', 15_000],
    [15_003, 'sell', 'passive', 15_010],
    [15_003, 'buy', 'aggressive', 15_010],
    [15_003, 'sell', 'aggressive', 15_000],
    [19_995, 'buy', 'aggressive', 20_000],
    [20_010, 'sell', 'passive', 20_050],
    [15_000, 'buy', 'passive', 15_000],
    [30_000, 'buy', 'passive', 20_800],
    [30_000, 'sell', 'passive', 20_800],
    [100, 'sell', 'passive', 11_220],
    [100, 'buy', 'aggressive', 11_220],
  ])('%i for a %s, rounded %s, becomes %i', (price, side, rounding, expected) => {
    expect(toValidOrderPrice(price, side, limits, 'stock', rounding)).toBe(expected);
  });

  test('passive is the default: a buy never pays more and a sell never receives less than asked', () => {
    expect(toValidOrderPrice(15_003, 'buy', limits)).toBe(15_000);
    expect(toValidOrderPrice(15_003, 'sell', limits)).toBe(15_010);
  });

  test('off-grid limits are narrowed inwards so the result stays valid', () => {
    const offGrid: PriceLimits = { upper: 20_820, lower: 11_223 };
    expect(toValidOrderPrice(99_999, 'buy', offGrid)).toBe(20_800);
    expect(toValidOrderPrice(1, 'sell', offGrid)).toBe(11_230);
  });

  test('rejects bad prices, sides and limits that leave nothing valid', () => {
    expect(() => toValidOrderPrice(0, 'buy', limits)).toThrow(RangeError);
    expect(() => toValidOrderPrice(Number.NaN, 'buy', limits)).toThrow(RangeError);
    expect(() => toValidOrderPrice(15_000, 'hold' as Side, limits)).toThrow(RangeError);
    expect(() => toValidOrderPrice(20_825, 'buy', { upper: 20_849, lower: 20_801 })).toThrow(RangeError);
  });

  test('the result is always on the grid and inside the limits, and passive rounding never worsens the price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3_000_000 }),
        fc.oneof(fc.integer({ min: 1, max: 5_000_000 }), fc.double({ min: 0.5, max: 5_000_000, noNaN: true })),
        sideArb,
        kindArb,
        roundingArb,
        (base, price, side, kind, rounding) => {
          const l = priceLimits(base, kind);
          const valid = toValidOrderPrice(price, side, l, kind, rounding);
          expect(isOnTick(valid, kind)).toBe(true);
          expect(valid).toBeGreaterThanOrEqual(l.lower);
          expect(valid).toBeLessThanOrEqual(l.upper);
          const inside = price >= l.lower && price <= l.upper;
          if (inside && rounding === 'passive') {
            if (side === 'buy') expect(valid).toBeLessThanOrEqual(price);
            else expect(valid).toBeGreaterThanOrEqual(price);
          }
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
