import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ETF_TICK_TABLE,
  type InstrumentKind,
  isOnTick,
  nextTickDown,
  nextTickUp,
  roundToTick,
  STOCK_TICK_TABLE,
  TICK_TABLES,
  tickSize,
} from './ticks.ts';

/** Band boundaries and their neighbours, where off-by-one mistakes live. */
const STOCK_BOUNDARIES = STOCK_TICK_TABLE.slice(1).flatMap((b) => [
  b.from - 51,
  b.from - 10,
  b.from - 1,
  b.from,
  b.from + 1,
]);
const priceArb = fc.oneof(
  fc.integer({ min: 1, max: 2_000_000 }),
  fc.constantFrom(...STOCK_BOUNDARIES),
  fc.integer({ min: 1, max: 1_000_000_000 }),
);
const kindArb = fc.constantFrom<InstrumentKind>('stock', 'etf');

describe('tickSize', () => {
  test.each([
    [1, 1],
    [1_999, 1],
    [2_000, 5],
    [4_995, 5],
    [5_000, 10],
    [19_990, 10],
    [20_000, 50],
    [49_950, 50],
    [50_000, 100],
    [199_900, 100],
    [200_000, 500],
    [499_500, 500],
    [500_000, 1_000],
    [3_000_000, 1_000],
  ])('a stock priced %i won trades in ticks of %i won', (price, tick) => {
    expect(tickSize(price)).toBe(tick);
    expect(tickSize(price, 'stock')).toBe(tick);
  });

  test.each([
    [1_999, 1],
    [2_000, 5],
    [50_000, 5],
    [600_000, 5],
  ])('an ETF priced %i won trades in ticks of %i won', (price, tick) => {
    expect(tickSize(price, 'etf')).toBe(tick);
  });

  test.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s as a price', (price) => {
    expect(() => tickSize(price)).toThrow(RangeError);
  });

  test('every band boundary is a multiple of the ticks on both sides, so rounding up across it stays valid', () => {
    for (const table of Object.values(TICK_TABLES)) {
      for (let i = 1; i < table.length; i++) {
        const band = table[i]!;
        const below = table[i - 1]!;
        expect(band.from % band.tick).toBe(0);
        expect(band.from % below.tick).toBe(0);
        expect(band.from).toBeGreaterThan(below.from);
      }
    }
    expect(ETF_TICK_TABLE.length).toBe(2);
  });
});

describe('roundToTick', () => {
  test.each<[number, 'up' | 'down', number]>([
    [1_999, 'up', 1_999],
    [1_999, 'down', 1_999],
    [2_001, 'up', 2_005],
    [2_001, 'down', 2_000],
    [4_999, 'up', 5_000],
    [4_999, 'down', 4_995],
    [19_995, 'up', 20_000],
    [19_995, 'down', 19_990],
    [49_990, 'up', 50_000],
    [49_960, 'up', 50_000],
    [49_990, 'down', 49_950],
    [50_001, 'up', 50_100],
    [50_050, 'down', 50_000],
    [199_950, 'up', 200_000],
    [499_999, 'up', 500_000],
    [500_001, 'down', 500_000],
    [500_001, 'up', 501_000],
    [71_234, 'down', 71_200],
    [71_234, 'up', 71_300],
  ])('%i rounded %s is %i (the tick of the resulting price applies)', (price, direction, expected) => {
    expect(roundToTick(price, direction)).toBe(expected);
    expect(isOnTick(expected)).toBe(true);
  });

  test.each<[number, 'up' | 'down', number]>([
    [50_003, 'up', 50_005],
    [50_003, 'down', 50_000],
    [1_999, 'up', 1_999],
    [2_002, 'up', 2_005],
  ])('an ETF at %i rounded %s is %i', (price, direction, expected) => {
    expect(roundToTick(price, direction, 'etf')).toBe(expected);
  });

  test('a fractional price is rounded without crossing it', () => {
    expect(roundToTick(1_999.5, 'up')).toBe(2_000);
    expect(roundToTick(1_999.5, 'down')).toBe(1_999);
    expect(roundToTick(0.5, 'up')).toBe(1);
  });

  test('refuses to round below one won or a non-price', () => {
    expect(() => roundToTick(0.5, 'down')).toThrow(RangeError);
    expect(() => roundToTick(0, 'up')).toThrow(RangeError);
    expect(() => roundToTick(-100, 'up')).toThrow(RangeError);
    expect(() => roundToTick(Number.NaN, 'down')).toThrow(RangeError);
    expect(() => roundToTick(Number.POSITIVE_INFINITY, 'down')).toThrow(RangeError);
  });

  test('below 60,000 won the result is the nearest grid price, found by scanning every won', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60_000 }), kindArb, (price, kind) => {
        let up = price;
        while (!isOnTick(up, kind)) up++;
        let down = price;
        while (!isOnTick(down, kind)) down--;
        expect(roundToTick(price, 'up', kind)).toBe(up);
        expect(roundToTick(price, 'down', kind)).toBe(down);
      }),
      { numRuns: 1_000 },
    );
  });

  test('every result is on the tick grid, never crosses the input, and is the nearest such price', () => {
    fc.assert(
      fc.property(priceArb, kindArb, (price, kind) => {
        const up = roundToTick(price, 'up', kind);
        const down = roundToTick(price, 'down', kind);
        expect(isOnTick(up, kind)).toBe(true);
        expect(isOnTick(down, kind)).toBe(true);
        expect(up).toBeGreaterThanOrEqual(price);
        expect(down).toBeLessThanOrEqual(price);
        // Nearest: grid points in the input's band are one tick apart (a band's first price among them), so a
        // result less than one tick away has nothing on the grid between it and the input.
        expect(up - price).toBeLessThan(tickSize(price, kind));
        expect(price - down).toBeLessThan(tickSize(price, kind));
      }),
      { numRuns: 2_000 },
    );
  });

  test('rounding an on-tick price either way returns it unchanged', () => {
    fc.assert(
      fc.property(priceArb, kindArb, (raw, kind) => {
        const price = roundToTick(raw, 'down', kind);
        expect(roundToTick(price, 'up', kind)).toBe(price);
        expect(roundToTick(price, 'down', kind)).toBe(price);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('isOnTick', () => {
  test.each([
    [1_999, true],
    [2_000, true],
    [2_003, false],
    [20_010, false],
    [20_050, true],
    [50_050, false],
    [500_500, false],
    [0, false],
    [-5, false],
    [100.5, false],
    [Number.NaN, false],
  ])('%s on the stock grid: %s', (price, expected) => {
    expect(isOnTick(price)).toBe(expected);
  });

  test('an ETF at 50,005 is on its grid although a stock would not be', () => {
    expect(isOnTick(50_005, 'etf')).toBe(true);
    expect(isOnTick(50_005, 'stock')).toBe(false);
  });
});

describe('nextTickUp and nextTickDown', () => {
  test.each([
    [1_998, 1_999, 1_997],
    [1_999, 2_000, 1_998],
    [2_000, 2_005, 1_999],
    [5_000, 5_010, 4_995],
    [49_950, 50_000, 49_900],
    [50_000, 50_100, 49_950],
    [500_000, 501_000, 499_500],
    [2_003, 2_005, 2_000],
  ])('around %i the next tick up is %i and down is %i', (price, up, down) => {
    expect(nextTickUp(price)).toBe(up);
    expect(nextTickDown(price)).toBe(down);
  });

  test('there is no tick below one won', () => {
    expect(() => nextTickDown(1)).toThrow(RangeError);
  });

  test('one tick up then one tick down returns to an on-tick price', () => {
    fc.assert(
      fc.property(priceArb, kindArb, (raw, kind) => {
        const price = roundToTick(raw, 'down', kind);
        const up = nextTickUp(price, kind);
        expect(up).toBeGreaterThan(price);
        expect(isOnTick(up, kind)).toBe(true);
        expect(nextTickDown(up, kind)).toBe(price);
      }),
      { numRuns: 2_000 },
    );
  });
});
