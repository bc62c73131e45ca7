import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatInteger, formatPercent, formatWon } from './formatNumber.ts';

describe('formatInteger', () => {
  test.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1_000, '1,000'],
    [71_200, '71,200'],
    [1_234_567, '1,234,567'],
    [-4_800, '-4,800'],
    [-999, '-999'],
    [-1_000_000, '-1,000,000'],
    [-0, '0'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
  ])('%i is written %s', (n, expected) => {
    expect(formatInteger(n)).toBe(expected);
  });

  test.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('rejects %s', (n) => {
    expect(() => formatInteger(n)).toThrow(RangeError);
  });

  test('removing the separators gives the number back, with a separator every three digits', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        const s = formatInteger(n);
        expect(Number(s.replaceAll(',', ''))).toBe(n === 0 ? 0 : n);
        expect(s).toMatch(/^-?\d{1,3}(,\d{3})*$/);
      }),
    );
  });
});

describe('formatWon', () => {
  test('appends 원', () => {
    expect(formatWon(1_234_000)).toBe('1,234,000원');
  });
});

describe('formatPercent', () => {
  test.each<[number, number | undefined, string]>([
    [30, undefined, '30.0%'],
    [12.345, 1, '12.3%'],
    [33.333333, 2, '33.33%'],
    [5, 0, '5%'],
    [-1.25, 1, '-1.3%'],
    [-0.01, 1, '0.0%'],
    [0, 1, '0.0%'],
  ])('%s with %s decimals is %s', (value, decimals, expected) => {
    expect(decimals === undefined ? formatPercent(value) : formatPercent(value, decimals)).toBe(expected);
  });

  test('rejects non-finite values and bad decimals', () => {
    expect(() => formatPercent(Number.NaN)).toThrow(RangeError);
    expect(() => formatPercent(1, -1)).toThrow(RangeError);
    expect(() => formatPercent(1, 1.5)).toThrow(RangeError);
  });
});
