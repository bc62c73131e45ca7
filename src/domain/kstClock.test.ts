import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { kstHHmmss, kstMinute, kstTimestamp, msSinceKstMidnight } from './kstClock.ts';

describe('kstClock', () => {
  test.each([
    ['2026-11-25T00:00:00Z', '20261125090000', '090000', 9 * 3_600_000],
    ['2026-11-24T15:00:00Z', '20261125000000', '000000', 0],
    ['2026-12-31T14:59:59.999Z', '20261231235959', '235959', 86_399_999],
    ['1969-12-31T23:00:00Z', '19700101080000', '080000', 8 * 3_600_000],
    ['2026-03-02T15:30:05Z', '20260303003005', '003005', 30 * 60_000 + 5_000],
  ])('%s is %s KST', (iso, stamp, hhmmss, sinceMidnight) => {
    const ms = Date.parse(iso);
    expect(kstTimestamp(ms)).toBe(stamp);
    expect(kstHHmmss(ms)).toBe(hhmmss);
    expect(msSinceKstMidnight(ms)).toBe(sinceMidnight);
  });

  test('the time of day agrees with the timestamp and with a +09:00 offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 4e12 }), (ms) => {
        expect(kstTimestamp(ms).slice(8)).toBe(kstHHmmss(ms));
        const viaOffset = new Date(ms + 9 * 3_600_000).toISOString().slice(11, 19).replaceAll(':', '');
        expect(kstHHmmss(ms)).toBe(viaOffset);
      }),
    );
  });

  test('rejects a time that is not a number', () => {
    expect(() => kstHHmmss(Number.NaN)).toThrow(RangeError);
    expect(() => kstTimestamp(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  test('kstMinute shows the KST date and minute, across the UTC date line', () => {
    expect(kstMinute(Date.parse('2026-03-04T09:00:00+09:00'))).toBe('2026-03-04 09:00');
    expect(kstMinute(Date.parse('2026-03-03T23:30:59Z'))).toBe('2026-03-04 08:30');
    expect(() => kstMinute(Number.NaN)).toThrow(RangeError);
  });
});
