import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { settingsSchema } from './settingsSchema.ts';

const base = { sellSplit: 10, buySplit: 10, sellEnabled: true, buyEnabled: true };

describe('settingsSchema', () => {
  test('accepts the spec example as is', () => {
    const s = {
      weights: { '005930': 30 },
      excluded: [],
      added: ['373220'],
      cashPct: 0,
      ...base,
    };
    expect(settingsSchema.parse(s)).toEqual({ ...s, driftBandPp: 0, minTradeValue: 0 });
  });

  test('fills in no weights, exclusions, added codes, cash target, band or minimum when they are left out', () => {
    expect(settingsSchema.parse(base)).toEqual({
      weights: {},
      excluded: [],
      added: [],
      cashPct: 0,
      driftBandPp: 0,
      minTradeValue: 0,
      ...base,
    });
  });

  test('accepts a drift band and a minimum trade value', () => {
    expect(settingsSchema.parse({ ...base, driftBandPp: 1.5, minTradeValue: 100_000 })).toMatchObject({
      driftBandPp: 1.5,
      minTradeValue: 100_000,
    });
  });

  test('accepts preferred-share and new-style codes', () => {
    expect(settingsSchema.parse({ ...base, weights: { '28513K': 10, '0001A0': 5 } }).weights).toEqual({
      '28513K': 10,
      '0001A0': 5,
    });
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown field', { ...base, cashPercent: 5 }, /Unrecognized key: "cashPercent"/],
    ['a missing split', { sellSplit: 10, sellEnabled: true, buyEnabled: true }, /buySplit/],
    ['a missing switch', { sellSplit: 10, buySplit: 10, sellEnabled: true }, /buyEnabled/],
    ['a split of 0', { ...base, sellSplit: 0 }, /at least 1[\s\S]*sellSplit/],
    ['a split of 101', { ...base, buySplit: 101 }, /at most 100[\s\S]*buySplit/],
    ['a fractional split', { ...base, buySplit: 2.5 }, /whole number of rounds/],
    ['a negative cash target', { ...base, cashPct: -1 }, /0 or more[\s\S]*cashPct/],
    ['a negative drift band', { ...base, driftBandPp: -0.5 }, /0 or more[\s\S]*driftBandPp/],
    ['a drift band over 100', { ...base, driftBandPp: 101 }, /100 or less[\s\S]*driftBandPp/],
    ['a fractional minimum trade value', { ...base, minTradeValue: 0.5 }, /whole number of won[\s\S]*minTradeValue/],
    ['a negative minimum trade value', { ...base, minTradeValue: -1 }, /0 or more[\s\S]*minTradeValue/],
    ['a minimum trade value as text', { ...base, minTradeValue: '100000' }, /must be a number[\s\S]*minTradeValue/],
    ['a weight over 100', { ...base, weights: { '005930': 120 } }, /100 or less/],
    ['a negative weight', { ...base, weights: { '005930': -5 } }, /0 or more/],
    ['a weight for a malformed code', { ...base, weights: { A005930: 5 } }, /weights/],
    ['a malformed added code', { ...base, added: ['5930'] }, /KRX stock code[\s\S]*added\[0\]/],
    ['a switch given as a string', { ...base, sellEnabled: 'yes' }, /true or false/],
    [
      'weights and cash target over 100',
      { ...base, weights: { '005930': 60, '000660': 35 }, cashPct: 10 },
      /105%, more than 100%/,
    ],
  ])('rejects %s', (_, input, message) => {
    const result = settingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(z.prettifyError(result.error)).toMatch(message);
  });

  test('accepts weights and cash target that add up to exactly 100', () => {
    expect(settingsSchema.safeParse({ ...base, weights: { '005930': 60, '000660': 35 }, cashPct: 5 }).success).toBe(
      true,
    );
  });
});
