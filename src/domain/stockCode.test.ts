import { describe, expect, test } from 'vitest';
import { isStockCode, normalizeStockCode } from './stockCode.ts';

describe('isStockCode', () => {
  test.each([
    ['005930', 'an all-digit share code (Samsung Electronics)'],
    ['0126Z0', 'a new-style code with a letter in the 5th place'],
    ['28513K', 'a preferred share ending in K'],
    ['00593L', 'a preferred share ending in L'],
    ['500001', 'an ETN code without its Q prefix'],
  ])('accepts %s: %s', (code) => {
    expect(isStockCode(code)).toBe(true);
  });

  test.each([
    ['12345', 'five characters'],
    ['1234567', 'seven digits'],
    ['0000I0', 'the letter I in the 5th place'],
    ['0000O0', 'the letter O in the 5th place'],
    ['0000U0', 'the letter U in the 5th place'],
    ['00593A', 'a last letter other than K, L, M, N'],
    ['A005930', 'a type prefix'],
    ['005930_NX', 'an exchange suffix'],
    ['0126z0', 'a lower-case letter'],
    [' 005930', 'surrounding space'],
    ['', 'nothing'],
  ])('rejects %j: %s', (code) => {
    expect(isStockCode(code)).toBe(false);
  });
});

describe('normalizeStockCode', () => {
  test.each([
    ['005930', '005930'],
    ['A005930', '005930'],
    ['a005930', '005930'],
    ['Q500001', '500001'],
    ['J123456', '123456'],
    ['A0126Z0', '0126Z0'],
    ['A28513K', '28513K'],
    ['005930_NX', '005930'],
    ['005930_AL', '005930'],
    ['A005930_NX', '005930'],
    ['  005930 ', '005930'],
    ['28513k', '28513K'],
  ])('turns %j into %j', (raw, expected) => {
    expect(normalizeStockCode(raw)).toBe(expected);
  });

  test.each([
    ['12345', 'too short'],
    ['K005930', 'an unknown type prefix'],
    ['A0000I0', 'a prefixed code with a forbidden letter'],
    ['A12345', 'a prefix on a five-character code'],
    ['_NX', 'only a suffix'],
    ['삼성전자', 'a name instead of a code'],
    ['', 'nothing'],
  ])('gives undefined for %j (%s)', (raw) => {
    expect(normalizeStockCode(raw)).toBeUndefined();
  });
});
