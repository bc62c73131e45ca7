import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splitRounds } from './splitRounds.ts';

describe('splitRounds', () => {
  test.each([
    [33, 10, [3, 3, 3, 4, 3, 3, 4, 3, 3, 4]],
    [3, 10, [0, 0, 0, 1, 0, 0, 1, 0, 0, 1]],
    [10, 10, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    [0, 5, [0, 0, 0, 0, 0]],
    [7, 1, [7]],
    [1, 4, [0, 0, 0, 1]],
  ])('splits %i shares into %i rounds as %j', (total, rounds, expected) => {
    expect(splitRounds(total, rounds)).toEqual(expected);
  });

  test('spreads fewer shares than rounds instead of bunching them at the start', () => {
    const rounds = splitRounds(3, 10);
    const filled = rounds.flatMap((q, i) => (q > 0 ? [i] : []));
    expect(filled).toHaveLength(3);
    expect(filled.slice(0, 3)).not.toEqual([0, 1, 2]);
    // the gaps between non-empty rounds differ by at most one round
    const gaps = filled.slice(1).map((i, k) => i - (filled[k] ?? 0));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  test('quantities are whole, sum to the total exactly and differ by at most 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 200 }), (total, n) => {
        const rounds = splitRounds(total, n);
        expect(rounds).toHaveLength(n);
        expect(rounds.every((q) => Number.isInteger(q) && q >= 0)).toBe(true);
        expect(rounds.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...rounds) - Math.min(...rounds)).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('every prefix of the rounds is within one share of its even share of the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 100 }), (total, n) => {
        let placed = 0;
        splitRounds(total, n).forEach((q, i) => {
          placed += q;
          expect(Math.abs(placed * n - total * (i + 1))).toBeLessThan(n);
        });
      }),
    );
  });

  test.each([
    [-1, 3],
    [1.5, 3],
    [10, 0],
    [10, 2.5],
  ])('rejects a bad total or round count (%d, %d)', (total, rounds) => {
    expect(() => splitRounds(total, rounds)).toThrow(RangeError);
  });
});
