import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CalendarNotCoveredError } from './CalendarNotCoveredError.ts';
import {
  CALENDAR_LAST_DAY,
  calendarCoversUntil,
  EXAM_DAYS,
  FIRST_DAY_HOURS,
  firstTradingDayOfYear,
  isCoveredByCalendar,
  isTradingDay,
  KRX_CLOSURES,
  kstDate,
  kstMinuteOfDay,
  kstTime,
  LATE_DAY_HOURS,
  type MarketSession,
  marketSession,
  nextTradingDay,
  previousTradingDay,
  REGULAR_HOURS,
  sessionHours,
} from './tradingCalendar.ts';

/** An instant given as KST wall-clock time, written independently of the code under test. */
const kst = (dateTime: string): Date => new Date(`${dateTime}:00+09:00`);

describe('built-in closure data', () => {
  test('lists 17 closures for 2026 and 16 for 2027, every one a weekday, sorted and unique', () => {
    expect(KRX_CLOSURES[2026]).toHaveLength(17);
    expect(KRX_CLOSURES[2027]).toHaveLength(16);
    for (const [year, days] of Object.entries(KRX_CLOSURES)) {
      expect([...days].sort()).toEqual(days);
      expect(new Set(days).size).toBe(days.length);
      for (const day of days) {
        expect(day.startsWith(`${year}-`)).toBe(true);
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
        expect(weekday, day).toBeGreaterThanOrEqual(1);
        expect(weekday, day).toBeLessThanOrEqual(5);
      }
    }
  });

  test('exam days are trading days inside the calendar', () => {
    for (const day of EXAM_DAYS) expect(isTradingDay(day)).toBe(true);
  });
});

describe('isTradingDay', () => {
  test.each([
    ['2026-01-01', false, 'New Year'],
    ['2026-01-02', true, 'first trading day of 2026'],
    ['2026-01-03', false, 'Saturday'],
    ['2026-01-04', false, 'Sunday'],
    ['2026-02-16', false, 'Seollal'],
    ['2026-02-18', false, 'Seollal'],
    ['2026-02-19', true, 'day after Seollal'],
    ['2026-05-01', false, 'Labour Day'],
    ['2026-06-03', false, 'local election day'],
    ['2026-07-17', false, 'Constitution Day (missing from exchange_calendars)'],
    ['2026-11-19', true, 'exam day, late but open'],
    ['2026-12-30', true, 'last trading day of 2026'],
    ['2026-12-31', false, 'year-end closure'],
    ['2027-01-01', false, 'New Year'],
    ['2027-01-04', true, 'first trading day of 2027'],
    ['2027-02-09', false, 'Seollal substitute holiday'],
    ['2027-12-27', false, 'Christmas substitute holiday'],
    ['2027-12-30', true, 'last trading day of 2027'],
    ['2027-12-31', false, 'year-end closure'],
  ])('%s is a trading day: %s (%s)', (date, open) => {
    expect(isTradingDay(date)).toBe(open);
  });

  test('an extra closure from the settings closes an otherwise open day', () => {
    expect(isTradingDay('2026-03-03')).toBe(true);
    expect(isTradingDay('2026-03-03', { extraClosures: ['2026-03-03'] })).toBe(false);
    expect(isTradingDay('2026-03-03', { extraClosures: new Set(['2026-03-03']) })).toBe(false);
    expect(isTradingDay('2026-03-04', { extraClosures: ['2026-03-03'] })).toBe(true);
  });

  test.each(['2025-12-31', '2028-01-03', '2030-06-05'])('refuses to guess about %s, outside the data', (date) => {
    expect(() => isTradingDay(date)).toThrow(CalendarNotCoveredError);
    expect(() => isTradingDay(date)).toThrow(/covers 2026-01-01 to 2027-12-31/);
  });

  test.each(['2026-02-30', '2026-2-3', '20260203', 'tomorrow', '2026-13-01'])(
    'rejects the malformed date %j',
    (date) => {
      expect(() => isTradingDay(date)).toThrow(RangeError);
      expect(() => isTradingDay(date)).not.toThrow(CalendarNotCoveredError);
    },
  );

  test('rejects a malformed extra closure instead of ignoring it', () => {
    expect(() => isTradingDay('2026-03-03', { extraClosures: ['2026-3-3'] })).toThrow(/extra closure/);
  });
});

describe('calendar coverage', () => {
  test('says the data runs out at the end of 2027', () => {
    expect(calendarCoversUntil()).toBe('2027-12-31');
    expect(CALENDAR_LAST_DAY).toBe('2027-12-31');
    expect(isCoveredByCalendar('2027-12-31')).toBe(true);
    expect(isCoveredByCalendar('2028-01-01')).toBe(false);
    expect(isCoveredByCalendar('2025-12-31')).toBe(false);
  });

  test('the error names the date that was asked about', () => {
    try {
      isTradingDay('2028-01-03');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarNotCoveredError);
      expect((err as CalendarNotCoveredError).date).toBe('2028-01-03');
    }
  });
});

describe('nextTradingDay and previousTradingDay', () => {
  test.each([
    ['2026-01-02', '2026-01-05', '2025-12-31 is outside'],
    ['2026-02-13', '2026-02-19', 'across the Seollal weekend and holidays'],
    ['2026-12-30', '2027-01-04', 'across the year end'],
    ['2025-12-31', '2026-01-02', 'from the day before the data'],
    ['2026-09-23', '2026-09-28', 'across Chuseok'],
  ])('the trading day after %s is %s (%s)', (from, expected) => {
    expect(nextTradingDay(from)).toBe(expected);
  });

  test('the trading day before 2026-02-19 is 2026-02-13, and before 2027-01-04 is 2026-12-30', () => {
    expect(previousTradingDay('2026-02-19')).toBe('2026-02-13');
    expect(previousTradingDay('2027-01-04')).toBe('2026-12-30');
  });

  test('skips an extra closure', () => {
    expect(nextTradingDay('2026-03-03', { extraClosures: ['2026-03-04'] })).toBe('2026-03-05');
  });

  test('throws rather than guess past the last covered day', () => {
    expect(() => nextTradingDay('2027-12-30')).toThrow(CalendarNotCoveredError);
    expect(() => previousTradingDay('2026-01-02')).toThrow(CalendarNotCoveredError);
  });

  test('the next trading day is a trading day with no trading day in between', () => {
    const start = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 720 }), (offset) => {
        const date = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
        const next = nextTradingDay(date);
        expect(next > date).toBe(true);
        expect(isTradingDay(next)).toBe(true);
        for (let d = Date.parse(`${date}T00:00:00Z`) + 86_400_000; ; d += 86_400_000) {
          const between = new Date(d).toISOString().slice(0, 10);
          if (between === next) break;
          expect(isTradingDay(between)).toBe(false);
        }
        // The walk back from the first covered trading day would leave the data.
        if (next !== '2026-01-02') expect(previousTradingDay(next) <= date).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('kstDate and kstTime', () => {
  test.each([
    ['2026-03-02T14:59:59Z', '2026-03-02', '23:59'],
    ['2026-03-02T15:00:00Z', '2026-03-03', '00:00'],
    ['2026-12-31T15:00:00Z', '2027-01-01', '00:00'],
    ['2026-01-01T00:00:00Z', '2026-01-01', '09:00'],
    ['2026-06-30T06:20:30Z', '2026-06-30', '15:20'],
    ['2028-02-28T15:30:00Z', '2028-02-29', '00:30'],
  ])('%s is %s %s in Seoul', (iso, date, time) => {
    const instant = new Date(iso);
    expect(kstDate(instant)).toBe(date);
    expect(kstTime(instant)).toBe(time);
  });

  test('agrees with the +09:00 offset for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const instant = new Date(ms);
        const shifted = new Date(ms + 9 * 3_600_000).toISOString();
        expect(kstDate(instant)).toBe(shifted.slice(0, 10));
        expect(kstTime(instant)).toBe(shifted.slice(11, 16));
        expect(kstMinuteOfDay(instant)).toBe(Number(shifted.slice(11, 13)) * 60 + Number(shifted.slice(14, 16)));
      }),
    );
  });

  test('rejects an invalid Date', () => {
    expect(() => kstDate(new Date('nope'))).toThrow(RangeError);
    expect(() => kstTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('sessionHours', () => {
  test('an ordinary day runs 08:30 auction, 09:00 continuous, 15:20 closing auction, 15:30 close', () => {
    expect(sessionHours('2026-03-03')).toEqual({ auctionFrom: 510, open: 540, closingAuctionFrom: 920, close: 930 });
    expect(sessionHours('2026-03-03')).toBe(REGULAR_HOURS);
  });

  test('the first trading day of the year opens at 10:00 and closes as usual', () => {
    expect(firstTradingDayOfYear(2026)).toBe('2026-01-02');
    expect(firstTradingDayOfYear(2027)).toBe('2027-01-04');
    expect(sessionHours('2026-01-02')).toBe(FIRST_DAY_HOURS);
    expect(sessionHours('2027-01-04')).toEqual({ auctionFrom: 570, open: 600, closingAuctionFrom: 920, close: 930 });
  });

  test('the exam day runs an hour late all day; a configured late day does too', () => {
    expect(sessionHours('2026-11-19')).toBe(LATE_DAY_HOURS);
    expect(LATE_DAY_HOURS).toEqual({ auctionFrom: 570, open: 600, closingAuctionFrom: 980, close: 990 });
    expect(sessionHours('2026-11-20')).toBe(REGULAR_HOURS);
    expect(sessionHours('2026-11-20', { extraLateDays: ['2026-11-20'] })).toBe(LATE_DAY_HOURS);
  });

  test('a closed day has no hours', () => {
    expect(sessionHours('2026-02-17')).toBeUndefined();
    expect(sessionHours('2026-03-07')).toBeUndefined();
  });

  test('an extra closure on the first working day moves the late opening to the next day', () => {
    const options = { extraClosures: ['2026-01-02'] };
    expect(firstTradingDayOfYear(2026, options)).toBe('2026-01-05');
    expect(sessionHours('2026-01-05', options)).toBe(FIRST_DAY_HOURS);
  });
});

describe('marketSession', () => {
  test.each<[string, MarketSession]>([
    ['2026-03-03T08:29', 'pre-open'],
    ['2026-03-03T08:30', 'auction-open'],
    ['2026-03-03T08:59', 'auction-open'],
    ['2026-03-03T09:00', 'continuous'],
    ['2026-03-03T15:19', 'continuous'],
    ['2026-03-03T15:20', 'closing-auction'],
    ['2026-03-03T15:29', 'closing-auction'],
    ['2026-03-03T15:30', 'after-close'],
    ['2026-03-03T23:59', 'after-close'],
    ['2026-03-03T00:00', 'pre-open'],
    ['2026-01-02T09:00', 'pre-open'],
    ['2026-01-02T09:30', 'auction-open'],
    ['2026-01-02T09:59', 'auction-open'],
    ['2026-01-02T10:00', 'continuous'],
    ['2026-01-02T15:20', 'closing-auction'],
    ['2026-11-19T09:10', 'pre-open'],
    ['2026-11-19T09:45', 'auction-open'],
    ['2026-11-19T15:25', 'continuous'],
    ['2026-11-19T16:25', 'closing-auction'],
    ['2026-11-19T16:30', 'after-close'],
    ['2026-03-07T10:00', 'closed-day'],
    ['2026-02-17T10:00', 'closed-day'],
  ])('at %s KST the market is %s', (when, expected) => {
    expect(marketSession(kst(when))).toBe(expected);
  });

  test('09:00 KST is 00:00 UTC: the date is taken in Seoul, not in UTC', () => {
    // 2026-03-02 15:30 UTC is 2026-03-03 00:30 KST (a Tuesday), although 2026-03-02 (UTC) is a closure.
    expect(marketSession(new Date('2026-03-03T00:00:00Z'))).toBe('continuous');
    expect(marketSession(new Date('2026-03-02T15:30:00Z'))).toBe('pre-open');
  });

  test('seconds before a boundary still belong to the earlier part', () => {
    expect(marketSession(new Date('2026-03-03T15:19:59+09:00'))).toBe('continuous');
    expect(marketSession(new Date('2026-03-03T15:20:00+09:00'))).toBe('closing-auction');
  });

  test('honours extra closures and throws past the data', () => {
    expect(marketSession(kst('2026-03-03T10:00'), { extraClosures: ['2026-03-03'] })).toBe('closed-day');
    expect(() => marketSession(kst('2028-01-03T10:00'))).toThrow(CalendarNotCoveredError);
  });
});
