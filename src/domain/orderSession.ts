import { DAY_MS, KST_OFFSET_MS } from './kstClock.ts';
import { type CalendarOptions, kstDate, nextTradingDay, type SessionHours, sessionHours } from './tradingCalendar.ts';

/**
 * When orders may be placed (MARKET_SESSION). `krx`: inside the regular session of a KRX trading day, from the start
 * of continuous trading to the close (09:00-15:30 on an ordinary day, 10:00-15:30 on the first trading day of the
 * year, an hour later on the exam day); outside it an order is refused by the exchange (a round sent then would be
 * burned as `rejected`). `always`: any instant (the paper exchange, which trades at any hour, for demos and tests).
 * @see ../../shared/reference/krx-rules.md "Hours (KST)"
 * @see ./tradingCalendar.ts (trading days, session hours)
 */
export type OrderSessionMode = 'krx' | 'always';

/** The modes, for config parsing. */
export const ORDER_SESSION_MODES: readonly OrderSessionMode[] = ['krx', 'always'];

/** Whether an instant is inside a session, and if not, when the next one opens (epoch ms). */
export type OrderSessionCheck =
  | { readonly open: true; readonly closesAt?: number }
  | { readonly open: false; readonly nextOpen: number };

/**
 * Is `at` (epoch ms) inside an order session of `mode`? If not, when does the next one open. Throws
 * CalendarNotCoveredError (from the calendar) when `krx` is asked about a day the built-in calendar does not cover:
 * the caller must not guess that the market is open.
 */
export function orderSessionAt(mode: OrderSessionMode, at: number, options: CalendarOptions = {}): OrderSessionCheck {
  if (mode === 'always') return { open: true };
  if (mode !== 'krx') throw new RangeError(`unknown order session mode: ${String(mode)}`);
  if (!Number.isFinite(at)) throw new RangeError(`instant must be epoch ms: ${at}`);
  const today = kstDate(new Date(at));
  const hours = sessionHours(today, options);
  const minute = minuteOfKstDay(at);
  if (hours !== undefined && minute >= hours.open && minute < hours.close) {
    return { open: true, closesAt: instantOf(today, hours.close) };
  }
  if (hours !== undefined && minute < hours.open) return { open: false, nextOpen: instantOf(today, hours.open) };
  const next = nextTradingDay(today, options);
  return { open: false, nextOpen: instantOf(next, (sessionHours(next, options) as SessionHours).open) };
}

/** Epoch ms of minute `minute` of the KST day `dateKst` ('YYYY-MM-DD'). */
function instantOf(dateKst: string, minute: number): number {
  return Date.parse(`${dateKst}T00:00:00Z`) - KST_OFFSET_MS + minute * 60_000;
}

/** Minutes (with fractions) after KST midnight. */
function minuteOfKstDay(at: number): number {
  const ms = at + KST_OFFSET_MS;
  return (ms - Math.floor(ms / DAY_MS) * DAY_MS) / 60_000;
}
