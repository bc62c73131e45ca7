import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isOnTick } from '../domain/ticks.ts';
import { mulberry32 } from './mulberry32.ts';
import { PricePath } from './PricePath.ts';

describe('PricePath', () => {
  test('starts at the base price with the KRX limits around it', () => {
    const path = new PricePath(16_020, mulberry32(1));
    expect(path.price).toBe(16_020);
    // @see krx-rules.md: base 16,020 -> upper 20,800, lower 11,220
    expect(path.limits).toEqual({ upper: 20_800, lower: 11_220 });
  });

  test('walks on the tick grid and never leaves the daily limits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1_000, 1_995, 4_995, 19_990, 49_950, 71_200, 199_900, 498_500, 1_012_000),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (base, seed) => {
          const path = new PricePath(base, mulberry32(seed));
          for (let i = 0; i < 400; i++) {
            const p = path.step();
            expect(isOnTick(p)).toBe(true);
            expect(p).toBeLessThanOrEqual(path.limits.upper);
            expect(p).toBeGreaterThanOrEqual(path.limits.lower);
          }
          expect(path.high).toBeGreaterThanOrEqual(path.low);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('moves at most two ticks a step and does move', () => {
    const path = new PricePath(71_200, mulberry32(5));
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const before = path.price;
      const after = path.step();
      seen.add(after);
      expect(Math.abs(after - before)).toBeLessThanOrEqual(200);
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  test('is reproducible for a seed', () => {
    const walk = (seed: number) => {
      const path = new PricePath(49_950, mulberry32(seed));
      return Array.from({ length: 50 }, () => path.step());
    };
    expect(walk(42)).toEqual(walk(42));
    expect(walk(42)).not.toEqual(walk(43));
  });

  test.each([
    [71_299, 71_200],
    [1_000_000, 92_500],
    [10, 49_900],
    [0.5, 49_900],
  ])('set(%d) rounds down to the grid and clamps into the limits: %d', (asked, expected) => {
    const path = new PricePath(71_200, mulberry32(1));
    expect(path.set(asked)).toBe(expected);
    expect(path.price).toBe(expected);
  });

  test.each([[0], [-5], [Number.NaN]])('set(%d) is refused', (bad) => {
    const path = new PricePath(71_200, mulberry32(1));
    expect(() => path.set(bad)).toThrow(RangeError);
    expect(path.price).toBe(71_200);
  });

  test('refuses a base price off the grid', () => {
    expect(() => new PricePath(71_250, mulberry32(1))).toThrow(RangeError);
  });
});

describe('mulberry32', () => {
  test('yields reproducible floats in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    for (let i = 0; i < 1_000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  test('spreads its output roughly evenly', () => {
    const next = mulberry32(9);
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4_000; i++) {
      const bucket = Math.floor(next() * 4);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    expect(buckets.reduce((a, b) => a + b, 0)).toBe(4_000);
    for (const count of buckets) expect(count).toBeGreaterThan(800);
  });
});
