import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CalendarNotCoveredError } from './CalendarNotCoveredError.ts';
import { orderSessionAt } from './orderSession.ts';

/** Epoch ms of a KST wall-clock time. */
const kst = (date: string, time: string) => Date.parse(`${date}T${time}+09:00`);

describe('orderSessionAt', () => {
  test('always: open at any instant', () => {
    expect(orderSessionAt('always', kst('2026-03-01', '03:00:00'))).toEqual({ open: true });
  });

  test.each([
    ['an ordinary Tuesday at 09:00', '2026-03-03', '09:00:00', kst('2026-03-03', '15:30:00')],
    ['10:30', '2026-03-03', '10:30:00', kst('2026-03-03', '15:30:00')],
    ['the closing auction', '2026-03-03', '15:25:00', kst('2026-03-03', '15:30:00')],
    ['the exam day at 10:00 (an hour late)', '2026-11-19', '10:00:00', kst('2026-11-19', '16:30:00')],
  ])('krx: open on %s', (_why, date, time, closesAt) => {
    expect(orderSessionAt('krx', kst(date, time))).toEqual({ open: true, closesAt });
  });

  test.each([
    ['before the open', '2026-03-03', '08:59:59', kst('2026-03-03', '09:00:00')],
    ['in the opening auction', '2026-03-03', '08:45:00', kst('2026-03-03', '09:00:00')],
    ['at the close', '2026-03-03', '15:30:00', kst('2026-03-04', '09:00:00')],
    ['in the evening', '2026-03-03', '21:00:00', kst('2026-03-04', '09:00:00')],
    ['on a Friday evening: Monday', '2026-03-06', '16:00:00', kst('2026-03-09', '09:00:00')],
    ['on a Sunday', '2026-03-08', '11:00:00', kst('2026-03-09', '09:00:00')],
    ['on a holiday (substitute for 3.1)', '2026-03-02', '10:00:00', kst('2026-03-03', '09:00:00')],
    ['the exam day at 09:30', '2026-11-19', '09:30:00', kst('2026-11-19', '10:00:00')],
    ['before New Year: the first trading day opens at 10:00', '2026-12-30', '16:00:00', kst('2027-01-04', '10:00:00')],
  ])('krx: closed %s, next open given', (_why, date, time, nextOpen) => {
    expect(orderSessionAt('krx', kst(date, time))).toEqual({ open: false, nextOpen });
  });

  test('krx: an extra closure moves the next open', () => {
    const r = orderSessionAt('krx', kst('2026-03-03', '20:00:00'), { extraClosures: ['2026-03-04'] });
    expect(r).toEqual({ open: false, nextOpen: kst('2026-03-05', '09:00:00') });
  });

  test('krx: outside the built-in calendar it refuses to guess', () => {
    expect(() => orderSessionAt('krx', kst('2028-01-05', '10:00:00'))).toThrow(CalendarNotCoveredError);
  });

  test('refuses an unknown mode and a bad instant', () => {
    expect(() => orderSessionAt('nyse' as never, 0)).toThrow(RangeError);
    expect(() => orderSessionAt('krx', Number.NaN)).toThrow(RangeError);
  });

  test('property: closed instants get a next open that is later and open; open ones close later', () => {
    const from = kst('2026-01-01', '00:00:00');
    const to = kst('2027-12-20', '00:00:00');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (at) => {
        const r = orderSessionAt('krx', at);
        if (r.open) {
          expect(r.closesAt).toBeGreaterThan(at);
        } else {
          expect(r.nextOpen).toBeGreaterThan(at);
          expect(orderSessionAt('krx', r.nextOpen).open).toBe(true);
          expect(orderSessionAt('krx', r.nextOpen - 1).open).toBe(false);
        }
      }),
    );
  });
});
