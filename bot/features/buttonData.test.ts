import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type ButtonData, encodeButtonData, parseButtonData } from './buttonData.ts';

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/);
const hash = fc.stringMatching(/^[0-9a-f]{12}$/);
const data: fc.Arbitrary<ButtonData> = fc.oneof(
  fc.record({
    kind: fc.constant('preview' as const),
    planId: id,
    hash,
    action: fc.constantFrom('approve' as const, 'cancel' as const),
  }),
  fc.record({
    kind: fc.constant('preview' as const),
    planId: id,
    hash,
    action: fc.constant('view' as const),
    tab: fc.constantFrom('sells' as const, 'buys' as const, 'excluded' as const),
    page: fc.integer({ min: 0, max: 999 }),
  }),
  fc.record({
    kind: fc.constant('stop' as const),
    step: fc.constantFrom('ask' as const, 'yes' as const, 'no' as const),
  }),
  fc.record({ kind: fc.constant('paper-reset' as const), yes: fc.boolean() }),
  fc.record({
    kind: fc.constant('ledger' as const),
    step: fc.constantFrom('adopt' as const, 'adopt-yes' as const),
    recordId: id,
    orderNo: fc.stringMatching(/^\d{1,10}$/),
  }),
  fc.record({
    kind: fc.constant('ledger' as const),
    step: fc.constantFrom('not-placed' as const, 'not-placed-yes' as const, 'no' as const),
    recordId: id,
  }),
);

describe('button data', () => {
  test('every button round-trips and is ASCII of at most 64 bytes', () => {
    fc.assert(
      fc.property(data, (d) => {
        const s = encodeButtonData(d);
        expect(Buffer.byteLength(s)).toBeLessThanOrEqual(64);
        expect(/^[\x21-\x7e]+$/.test(s)).toBe(true);
        expect(parseButtonData(s)).toEqual(d);
      }),
    );
  });

  test('anything else is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const parsed = parseButtonData(s);
        if (parsed !== undefined) expect(encodeButtonData(parsed)).toBe(s);
      }),
    );
    for (const bad of [
      '',
      'pv|x|0123456789ab|a|s|1',
      'pv|x|0123456789AB|a',
      'st|',
      'lg|a|rec',
      'lg|n|rec|123',
      'x'.repeat(65),
    ]) {
      expect(parseButtonData(bad)).toBeUndefined();
    }
  });

  test('a record id too long for 64 bytes gets no button (encode refuses)', () => {
    expect(() =>
      encodeButtonData({ kind: 'ledger', step: 'adopt', recordId: 'r'.repeat(50), orderNo: '1234567890' }),
    ).toThrow(RangeError);
  });
});
