import { KST_OFFSET_MS } from './kstClock.ts';
import { isTradingDay, kstDate, kstMinuteOfDay, nextTradingDay } from './tradingCalendar.ts';

/** When a scheduled phase will start: the KST date and time, and the instant. */
export interface PhaseRun {
  /** `YYYY-MM-DD` (KST). */
  readonly date: string;
  /** `HH:MM` (KST). */
  readonly time: string;
  readonly at: number;
}

/**
 * The next start of a phase scheduled at `time` (KST `HH:MM`, trading days only) after `now`: today if today is a
 * trading day and the time is still ahead, else the next trading day (the phase cron tasks fire on the same rule,
 * jobs/PhaseScheduler.ts). Throws CalendarNotCoveredError past the built-in calendar, RangeError on a malformed time.
 */
export function nextPhaseRun(time: string, now: number, extraClosures: readonly string[] = []): PhaseRun {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (m === null) throw new RangeError(`not a time HH:MM: ${time}`);
  const minute = Number(m[1]) * 60 + Number(m[2]);
  const today = kstDate(new Date(now));
  const options = { extraClosures };
  const ahead = kstMinuteOfDay(new Date(now)) < minute;
  const date = ahead && isTradingDay(today, options) ? today : nextTradingDay(today, options);
  return { date, time, at: kstInstant(date, minute) };
}

/** The instant of `minute` after KST midnight of `date`. */
function kstInstant(date: string, minute: number): number {
  return Date.parse(`${date}T00:00:00Z`) - KST_OFFSET_MS + minute * 60_000;
}
