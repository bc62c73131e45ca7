import { CalendarNotCoveredError } from './CalendarNotCoveredError.ts';
/**
 * KRX trading days and session hours, as data and pure functions. Dates are KST calendar dates as 'YYYY-MM-DD';
 * instants are converted with integer offset arithmetic (KST = UTC+9, no daylight saving), without Intl.
 *
 * The built-in list covers 2026-01-01 .. 2027-12-31. Asking about a day outside it throws
 * CalendarNotCoveredError instead of guessing "open": a stale calendar must stop trading, not trade on a holiday.
 * @see ../shared/reference/krx-rules.md "Trading days" and "Hours (KST)"
 */

import { DAY_MS, KST_OFFSET_MS } from './kstClock.ts';

/**
 * Weekday closures of KRX by year (weekends are closed as well and are not listed).
 * 2026 is KRX's list; 2027 is projected from the public-holiday calendar plus the Dec 31 closure (KRX publishes
 * its own list in December): check it then, and add a missing day with EXTRA_CLOSED_DAYS meanwhile.
 * @see ../shared/reference/krx-rules.md "Trading days"
 */
export const KRX_CLOSURES: Readonly<Record<number, readonly string[]>> = {
  2026: [
    '2026-01-01',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-03-02',
    '2026-05-01',
    '2026-05-05',
    '2026-05-25',
    '2026-06-03',
    '2026-07-17',
    '2026-08-17',
    '2026-09-24',
    '2026-09-25',
    '2026-10-05',
    '2026-10-09',
    '2026-12-25',
    '2026-12-31',
  ],
  2027: [
    '2027-01-01',
    '2027-02-08',
    '2027-02-09',
    '2027-03-01',
    '2027-05-03',
    '2027-05-05',
    '2027-05-13',
    '2027-07-19',
    '2027-08-16',
    '2027-09-14',
    '2027-09-15',
    '2027-09-16',
    '2027-10-04',
    '2027-10-11',
    '2027-12-27',
    '2027-12-31',
  ],
};

/** First day the built-in calendar knows. */
export const CALENDAR_FIRST_DAY = '2026-01-01';
/** Last day the built-in calendar knows: after it every question throws CalendarNotCoveredError. */
export const CALENDAR_LAST_DAY = '2027-12-31';

/**
 * University entrance exam (수능) days: every session time is one hour later (opening auction from 09:30, continuous
 * 10:00-16:20, close 16:30). Dates announced by the Ministry of Education (secondary sources: news1.kr, MBC);
 * add others with `CalendarOptions.extraLateDays`.
 * @see ../shared/reference/krx-rules.md "Hours (KST)": the exam day opens late (10:00) too
 */
export const EXAM_DAYS: readonly string[] = ['2026-11-19', '2027-11-18'];

/** Minutes after midnight KST at which each part of a trading day begins. */
export interface SessionHours {
  /** Orders accepted and the opening auction (single-price call) starts. */
  readonly auctionFrom: number;
  /** Continuous trading starts. */
  readonly open: number;
  /** The closing auction starts; continuous trading ends. */
  readonly closingAuctionFrom: number;
  /** The regular market closes. */
  readonly close: number;
}

/**
 * An ordinary trading day: opening auction 08:30-09:00, continuous 09:00-15:20, closing auction 15:20-15:30.
 * @see ../shared/reference/krx-rules.md "Hours (KST)"
 */
export const REGULAR_HOURS: SessionHours = {
  auctionFrom: 8 * 60 + 30,
  open: 9 * 60,
  closingAuctionFrom: 15 * 60 + 20,
  close: 15 * 60 + 30,
};

/**
 * The first trading day of the year opens at 10:00 (opening ceremony) and closes as usual; pre-open trading moves
 * one hour later with it (KRX notices reported by sedaily.com, newspim.com 2022-01-03).
 * @see ../shared/reference/krx-rules.md "Hours (KST)"
 */
export const FIRST_DAY_HOURS: SessionHours = { ...REGULAR_HOURS, auctionFrom: 9 * 60 + 30, open: 10 * 60 };

/**
 * The exam day: everything one hour later, the close included (KRX notices reported by edaily.co.kr 2025-11-12).
 * @see ../shared/reference/krx-rules.md "Hours (KST)"
 */
export const LATE_DAY_HOURS: SessionHours = {
  auctionFrom: REGULAR_HOURS.auctionFrom + 60,
  open: REGULAR_HOURS.open + 60,
  closingAuctionFrom: REGULAR_HOURS.closingAuctionFrom + 60,
  close: REGULAR_HOURS.close + 60,
};

/** Settings a user can add on top of the built-in data. */
export interface CalendarOptions {
  /** More closed days, 'YYYY-MM-DD' (config EXTRA_CLOSED_DAYS). */
  readonly extraClosures?: Iterable<string> | undefined;
  /** More days on which every session time is one hour later, as on the exam day, 'YYYY-MM-DD'. */
  readonly extraLateDays?: Iterable<string> | undefined;
}

/**
 * What the regular KRX market is doing at an instant. Off-hours sessions (08:30-08:40, 15:40-16:00), the
 * after-market and NXT are not modelled: they count as `pre-open` / `auction-open` / `after-close`.
 */
export type MarketSession =
  | 'closed-day'
  | 'pre-open'
  | 'auction-open'
  | 'continuous'
  | 'closing-auction'
  | 'after-close';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const BUILT_IN_CLOSURES: ReadonlySet<string> = new Set(Object.values(KRX_CLOSURES).flat());

/** The last day the built-in calendar covers ('YYYY-MM-DD'); the program cannot tell open from closed after it. */
export function calendarCoversUntil(): string {
  return CALENDAR_LAST_DAY;
}

/** True when the built-in calendar knows whether `dateKst` is a trading day. Throws RangeError on a malformed date. */
export function isCoveredByCalendar(dateKst: string): boolean {
  parseDate(dateKst);
  // ISO dates compare correctly as strings.
  return dateKst >= CALENDAR_FIRST_DAY && dateKst <= CALENDAR_LAST_DAY;
}

/**
 * True when KRX trades on `dateKst`: a weekday that is neither a built-in nor an extra closure.
 * Throws CalendarNotCoveredError outside the built-in calendar and RangeError on a malformed date.
 */
export function isTradingDay(dateKst: string, options: CalendarOptions = {}): boolean {
  const day = parseDate(dateKst);
  if (!isCoveredByCalendar(dateKst))
    throw new CalendarNotCoveredError(dateKst, { first: CALENDAR_FIRST_DAY, last: CALENDAR_LAST_DAY });
  const weekday = new Date(day * DAY_MS).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (BUILT_IN_CLOSURES.has(dateKst)) return false;
  return !dateSet(options.extraClosures, 'extra closure').has(dateKst);
}

/** The first trading day strictly after `dateKst`. Throws CalendarNotCoveredError when it would be past the data. */
export function nextTradingDay(dateKst: string, options: CalendarOptions = {}): string {
  return stepToTradingDay(dateKst, 1, options);
}

/** The last trading day strictly before `dateKst`. Throws CalendarNotCoveredError when it would be before the data. */
export function previousTradingDay(dateKst: string, options: CalendarOptions = {}): string {
  return stepToTradingDay(dateKst, -1, options);
}

/** The first trading day of `year` (it opens late, see FIRST_DAY_HOURS). */
export function firstTradingDayOfYear(year: number, options: CalendarOptions = {}): string {
  if (!Number.isSafeInteger(year)) throw new RangeError(`year must be a whole number: ${year}`);
  const jan1 = `${String(year).padStart(4, '0')}-01-01`;
  return isTradingDay(jan1, options) ? jan1 : nextTradingDay(jan1, options);
}

/**
 * Session times of `dateKst`, or undefined when KRX does not trade that day.
 * Late days (exam days) shift the whole day by an hour; the first trading day of the year opens at 10:00.
 */
export function sessionHours(dateKst: string, options: CalendarOptions = {}): SessionHours | undefined {
  if (!isTradingDay(dateKst, options)) return undefined;
  if (EXAM_DAYS.includes(dateKst) || dateSet(options.extraLateDays, 'extra late day').has(dateKst)) {
    return LATE_DAY_HOURS;
  }
  const year = Number(dateKst.slice(0, 4));
  if (firstTradingDayOfYear(year, options) === dateKst) return FIRST_DAY_HOURS;
  return REGULAR_HOURS;
}

/** What the regular market is doing at `instant` (see MarketSession). Throws outside the built-in calendar. */
export function marketSession(instant: Date, options: CalendarOptions = {}): MarketSession {
  const hours = sessionHours(kstDate(instant), options);
  if (hours === undefined) return 'closed-day';
  const minute = kstMinuteOfDay(instant);
  if (minute < hours.auctionFrom) return 'pre-open';
  if (minute < hours.open) return 'auction-open';
  if (minute < hours.closingAuctionFrom) return 'continuous';
  if (minute < hours.close) return 'closing-auction';
  return 'after-close';
}

/** The KST calendar date of `instant`, 'YYYY-MM-DD'. */
export function kstDate(instant: Date): string {
  const shifted = new Date(kstMs(instant));
  const y = String(shifted.getUTCFullYear()).padStart(4, '0');
  const m = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const d = String(shifted.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The KST wall-clock time of `instant`, 'HH:MM' (seconds dropped, not rounded). */
export function kstTime(instant: Date): string {
  const minute = kstMinuteOfDay(instant);
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Minutes after KST midnight of `instant` (0..1439). */
export function kstMinuteOfDay(instant: Date): number {
  const ms = kstMs(instant);
  const msOfDay = ms - Math.floor(ms / DAY_MS) * DAY_MS;
  return Math.floor(msOfDay / 60_000);
}

function kstMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError('instant must be a valid Date');
  return ms + KST_OFFSET_MS;
}

/** Days since 1970-01-01 of a real calendar date 'YYYY-MM-DD'; RangeError otherwise (2026-02-30, 2026-2-3). */
function parseDate(dateKst: string): number {
  const match = typeof dateKst === 'string' ? DATE_PATTERN.exec(dateKst) : null;
  if (match === null) throw new RangeError(`date must be YYYY-MM-DD: ${String(dateKst)}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (formatDay(ms / DAY_MS) !== dateKst) throw new RangeError(`no such date: ${dateKst}`);
  return ms / DAY_MS;
}

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function stepToTradingDay(dateKst: string, step: 1 | -1, options: CalendarOptions): string {
  let day = parseDate(dateKst);
  // Bounded: isTradingDay throws once the walk leaves the covered range.
  for (;;) {
    day += step;
    const candidate = formatDay(day);
    if (isTradingDay(candidate, options)) return candidate;
  }
}

function dateSet(dates: Iterable<string> | undefined, what: string): ReadonlySet<string> {
  const out = new Set<string>();
  if (dates === undefined) return out;
  for (const date of dates) {
    try {
      parseDate(date);
    } catch {
      throw new RangeError(`${what} must be a real date YYYY-MM-DD: ${String(date)}`);
    }
    out.add(date);
  }
  return out;
}
