import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { accountFileSchema, accountSchema, positionSchema } from './accountSchema.ts';

const samsung = { code: '005930', name: '삼성전자', qty: 40, price: 71_200 };

describe('accountSchema', () => {
  test('accepts the spec example account', () => {
    expect(accountSchema.parse({ deposit: 5_000_000, positions: [samsung] })).toEqual({
      deposit: 5_000_000,
      positions: [samsung],
    });
  });

  test('accepts a position with sellableQty up to qty, and a position of 0 shares', () => {
    expect(positionSchema.parse({ ...samsung, sellableQty: 40 }).sellableQty).toBe(40);
    expect(positionSchema.parse({ ...samsung, qty: 0 }).qty).toBe(0);
  });

  test.each<[string, unknown, RegExp]>([
    ['a negative deposit', { deposit: -1, positions: [] }, /must not be negative[\s\S]*deposit/],
    ['a fractional deposit', { deposit: 10.5, positions: [] }, /whole won/],
    [
      'a negative quantity',
      { deposit: 0, positions: [{ ...samsung, qty: -1 }] },
      /must not be negative[\s\S]*positions\[0\]\.qty/,
    ],
    ['a fractional quantity', { deposit: 0, positions: [{ ...samsung, qty: 1.5 }] }, /whole shares/],
    ['a price of 0', { deposit: 0, positions: [{ ...samsung, price: 0 }] }, /at least 1 won/],
    ['a code with a type prefix', { deposit: 0, positions: [{ ...samsung, code: 'A005930' }] }, /KRX stock code/],
    ['an empty name', { deposit: 0, positions: [{ ...samsung, name: ' ' }] }, /must not be empty/],
    [
      'sellableQty over qty',
      { deposit: 0, positions: [{ ...samsung, sellableQty: 41 }] },
      /not be more than qty[\s\S]*sellableQty/,
    ],
    ['an unknown field', { deposit: 0, positions: [{ ...samsung, avgPrice: 1 }] }, /Unrecognized key: "avgPrice"/],
    [
      'a code held twice',
      { deposit: 0, positions: [samsung, { ...samsung, qty: 1 }] },
      /005930 is listed twice[\s\S]*positions\[1\]\.code/,
    ],
  ])('rejects %s', (_, input, message) => {
    const result = accountSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(z.prettifyError(result.error)).toMatch(message);
  });
});

describe('accountFileSchema', () => {
  test('accepts the paper account file of the spec, quotes optional', () => {
    const file = {
      deposit: 5_000_000,
      positions: [samsung],
      quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
    };
    expect(accountFileSchema.parse(file)).toEqual(file);
    expect(accountFileSchema.parse({ deposit: 1, positions: [] }).quotes).toEqual([]);
  });

  test('rejects a code both held and quoted', () => {
    const result = accountFileSchema.safeParse({
      deposit: 0,
      positions: [samsung],
      quotes: [{ code: '005930', name: 'x', price: 1 }],
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(z.prettifyError(result.error)).toMatch(/listed twice[\s\S]*quotes\[0\]\.code/);
  });
});
