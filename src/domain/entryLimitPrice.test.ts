import { describe, expect, test } from 'vitest';
import { entryLimitPrice, quoteLimits } from './entryLimitPrice.ts';
import type { MarketQuote } from './MarketQuote.ts';

function quote(over: Partial<MarketQuote> = {}): MarketQuote {
  return {
    code: '005930',
    name: '삼성전자',
    price: 71_200,
    bestBid: 71_100,
    bestAsk: 71_300,
    upperLimit: 92_500,
    lowerLimit: 49_900,
    basePrice: 71_200,
    ...over,
  };
}

describe('entryLimitPrice', () => {
  test('sells at the best bid and buys at the best ask', () => {
    expect(entryLimitPrice('sell', quote())).toBe(71_100);
    expect(entryLimitPrice('buy', quote())).toBe(71_300);
  });

  test('falls back to the last price when that side of the book is empty', () => {
    expect(entryLimitPrice('sell', quote({ bestBid: 0 }))).toBe(71_200);
    expect(entryLimitPrice('buy', quote({ bestAsk: 0 }))).toBe(71_200);
  });

  test('puts an off-grid price on the tick grid without paying more or receiving less', () => {
    expect(entryLimitPrice('buy', quote({ bestAsk: 71_250 }))).toBe(71_200);
    expect(entryLimitPrice('sell', quote({ bestBid: 71_150 }))).toBe(71_200);
  });

  test('keeps the price inside the daily limits', () => {
    expect(entryLimitPrice('buy', quote({ bestAsk: 99_000 }))).toBe(92_500);
    expect(entryLimitPrice('sell', quote({ bestBid: 10_000 }))).toBe(49_900);
  });

  test('computes the limits from the base price when the quote has none', () => {
    expect(quoteLimits(quote({ upperLimit: 0, lowerLimit: 0, basePrice: 16_020 }))).toEqual({
      upper: 20_800,
      lower: 11_220,
    });
  });

  test('refuses a quote without any price', () => {
    expect(() => entryLimitPrice('sell', quote({ bestBid: 0, price: 0 }))).toThrow(RangeError);
  });
});
