import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidResponseError } from '../errors/InvalidResponseError.ts';
import { parseKiwoomCount, parseKiwoomNumber, parseKiwoomPrice, parseKiwoomSigned } from './parseKiwoomNumber.ts';

describe('parseKiwoomNumber', () => {
  test.each([
    ['71200', 71200],
    ['+71200', 71200],
    ['-71200', -71200],
    ['-00000000196888', -196888],
    ['000000000000040', 40],
    ['+000000000000040', 40],
    ['  12345  ', 12345],
    ['--6', -6],
    ['++6', 6],
    ['- 15', -15],
    ['0', 0],
    ['-0000', 0],
    [71200, 71200],
    [-5, -5],
  ])('reads %j as %d', (raw, expected) => {
    expect(parseKiwoomNumber(raw, 'cur_prc')).toBe(expected);
  });

  test.each([[''], ['   '], [undefined], [null]])('reads %j as absent', (raw) => {
    expect(parseKiwoomNumber(raw, 'cur_prc')).toBeUndefined();
  });

  test.each([
    ['12.5'],
    ['1,000'],
    ['abc'],
    ['+-6'],
    ['-'],
    ['+'],
    ['12a'],
    ['0x10'],
    ['1e5'],
    ['99999999999999999999'],
    [1.5],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
  ])('rejects %j with an InvalidResponseError naming the field', (raw) => {
    expect(() => parseKiwoomNumber(raw, 'ord_qty')).toThrow(InvalidResponseError);
    expect(() => parseKiwoomNumber(raw, 'ord_qty')).toThrow(/ord_qty/);
  });

  test('never returns negative zero', () => {
    expect(Object.is(parseKiwoomNumber('-0', 'x'), 0)).toBe(true);
  });

  test('reads back any integer printed the Kiwoom way (sign first, zero padded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.nat({ max: 10 }), (value, pad) => {
        const sign = value < 0 ? '-' : value > 0 ? '+' : '';
        const text = `${sign}${'0'.repeat(pad)}${Math.abs(value)}`;
        expect(parseKiwoomNumber(text, 'x')).toBe(value);
      }),
    );
  });
});

describe('parseKiwoomPrice', () => {
  test.each([
    ['-71200', 71200],
    ['+71200', 71200],
    ['', 0],
    ['--6', 6],
  ])('reads %j as the absolute price %d', (raw, expected) => {
    expect(parseKiwoomPrice(raw, 'cur_prc')).toBe(expected);
  });
});

describe('parseKiwoomSigned', () => {
  test('keeps the direction sign and reads empty as 0', () => {
    expect(parseKiwoomSigned('-00000000196888', 'pred_pre')).toBe(-196888);
    expect(parseKiwoomSigned('', 'pred_pre')).toBe(0);
  });
});

describe('parseKiwoomCount', () => {
  test('reads padded counts and empty as 0', () => {
    expect(parseKiwoomCount('000000000000003', 'rmnd_qty')).toBe(3);
    expect(parseKiwoomCount('', 'rmnd_qty')).toBe(0);
  });

  test('rejects a negative count', () => {
    expect(() => parseKiwoomCount('-3', 'rmnd_qty')).toThrow(InvalidResponseError);
  });
});
