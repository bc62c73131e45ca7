import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splitRounds } from '../domain/splitRounds.ts';
import { formatRounds } from './formatRounds.ts';

describe('formatRounds', () => {
  test.each<[readonly number[], string]>([
    [[3, 3, 3, 3, 3, 3, 3, 3, 3, 3], '3x10'],
    [[3, 3, 3, 4, 3, 3, 4, 3, 3, 4], '4x3 3x7'],
    [[0, 1, 0, 1, 1], '1x3 0x2'],
    [[5], '5x1'],
    [[1_200, 1_201], '1,201x1 1,200x1'],
    [[], '-'],
  ])('%j is shown as %s', (rounds, expected) => {
    expect(formatRounds(rounds)).toBe(expected);
  });

  test('rejects a negative or fractional round', () => {
    expect(() => formatRounds([1, -1])).toThrow(RangeError);
    expect(() => formatRounds([1.5])).toThrow(RangeError);
  });

  test('the groups add up to the rounds and shares of any split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 50 }), (total, n) => {
        const groups = formatRounds(splitRounds(total, n))
          .split(' ')
          .map((g) => g.replaceAll(',', '').split('x').map(Number) as [number, number]);
        expect(groups.length).toBeLessThanOrEqual(2);
        expect(groups.reduce((sum, [, times]) => sum + times, 0)).toBe(n);
        expect(groups.reduce((sum, [qty, times]) => sum + qty * times, 0)).toBe(total);
      }),
    );
  });
});
