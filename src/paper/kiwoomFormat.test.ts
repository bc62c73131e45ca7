import { describe, expect, test } from 'vitest';
import { kstHHmmss as kstTime, kstTimestamp } from '../domain/kstClock.ts';
import { kstColonTime, kstYyyymmdd as kstDate, padded, percent, signedDiff, signedPrice } from './kiwoomFormat.ts';

describe('kiwoomFormat', () => {
  test.each([
    [71_300, 71_200, '+71300'],
    [70_100, 71_200, '-70100'],
    [71_200, 71_200, '71200'],
  ])('signedPrice(%i, base %i) = %s', (price, base, text) => {
    expect(signedPrice(price, base)).toBe(text);
  });

  test.each([
    [100, '+100'],
    [-200, '-200'],
    [0, '0'],
  ])('signedDiff(%i) = %s', (diff, text) => {
    expect(signedDiff(diff)).toBe(text);
  });

  test.each([
    [177_000, 15, '000000000177000'],
    [-196_888, 15, '-00000000196888'],
    [0, 12, '000000000000'],
    [1, 12, '000000000001'],
  ])('padded(%i, %i) = %s', (n, width, text) => {
    expect(padded(n, width)).toBe(text);
    expect(text).toHaveLength(width);
  });

  test('padded refuses a fraction', () => {
    expect(() => padded(1.5)).toThrow(RangeError);
  });

  test.each([
    [1, 80, false, '1.25'],
    [1, 80, true, '+1.25'],
    [-1, 250, true, '-0.40'],
    [0, 100, true, '0.00'],
    [5, 0, true, '0.00'],
  ])('percent(%i, %i, plus %s) = %s', (num, den, plus, text) => {
    expect(percent(num, den, plus)).toBe(text);
  });

  test('KST is UTC+9: 2026-03-04 23:59:58 UTC is 2026-03-05 08:59:58 KST', () => {
    const ms = Date.UTC(2026, 2, 4, 23, 59, 58);
    expect(kstTimestamp(ms)).toBe('20260305085958');
    expect(kstTime(ms)).toBe('085958');
    expect(kstDate(ms)).toBe('20260305');
    expect(kstColonTime(ms)).toBe('08:59:58');
  });

  test.each([
    [-163_958, 373_500, '-43.8977'],
    [0, 373_500, '0.0000'],
    [1, 3, '33.3333'],
  ])('percent(%i, %i) with four decimals (kt00004 pl_rt) = %s', (num, den, text) => {
    expect(percent(num, den, false, 4)).toBe(text);
  });
});
