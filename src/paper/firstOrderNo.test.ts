import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { msSinceKstMidnight } from '../domain/kstClock.ts';
import { formatOrderNo, MAX_ORDER_NO, ORDER_NO_SLOT_MS, paperFirstOrderNo } from './firstOrderNo.ts';

/** Epoch ms of a KST wall-clock time (KST = UTC+9). */
const kst = (y: number, mo: number, d: number, h: number, mi = 0, s = 0, ms = 0) =>
  Date.UTC(y, mo - 1, d, h - 9, mi, s, ms);

describe('paperFirstOrderNo', () => {
  test.each([
    ['KST midnight', kst(2026, 3, 4, 0), 1],
    ['10 ms after KST midnight', kst(2026, 3, 4, 0, 0, 0, 10), 2],
    ['09:30:00 KST', kst(2026, 3, 4, 9, 30), 3_420_001],
    ['15:30:00 KST (UTC 06:30)', kst(2026, 3, 4, 15, 30), 5_580_001],
    ['23:59:59.999 KST', kst(2026, 3, 4, 23, 59, 59, 999), 8_640_000],
    ['UTC midnight (09:00 KST)', Date.UTC(2026, 2, 4), 3_240_001],
    ['UTC 15:00 (KST midnight of the next day)', Date.UTC(2026, 2, 4, 15), 1],
  ])('at %s is %i', (_when, at, expected) => {
    expect(paperFirstOrderNo(at)).toBe(expected);
  });

  test('refuses a time that is not a number', () => {
    expect(() => paperFirstOrderNo(Number.NaN)).toThrow(RangeError);
  });

  test('a later start the same KST day begins above every number an earlier run gave out within the bound', () => {
    const day = fc.integer({ min: 0, max: 3_650 }).map((d) => kst(2026, 1, 1, 0) + d * 86_400_000);
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (midnight, a, b, share) => {
          const [tA, tB] = a <= b ? [midnight + a, midnight + b] : [midnight + b, midnight + a];
          // The most numbers the bound allows the earlier run to have given out before the later one started.
          const allowed = Math.floor((tB - tA) / ORDER_NO_SLOT_MS);
          const given = Math.floor(allowed * share);
          const lastOfEarlier = paperFirstOrderNo(tA) + given - 1;
          expect(lastOfEarlier).toBeLessThan(paperFirstOrderNo(tB));
        },
      ),
    );
  });

  test('always leaves at least 1,359,999 seven-digit numbers after the first one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (at) => {
        const first = paperFirstOrderNo(at);
        expect(first).toBeGreaterThanOrEqual(1);
        expect(MAX_ORDER_NO - first + 1).toBeGreaterThanOrEqual(1_360_000);
        expect(msSinceKstMidnight(at)).toBeLessThan(86_400_000);
      }),
    );
  });
});

describe('formatOrderNo', () => {
  test.each([
    [1, '0000001'],
    [138, '0000138'],
    [9_999_999, '9999999'],
  ])('writes %i as %s', (n, text) => {
    expect(formatOrderNo(n)).toBe(text);
  });

  test.each([[0], [10_000_000], [1.5]])('refuses %s', (n) => {
    expect(() => formatOrderNo(n)).toThrow(RangeError);
  });
});
