/** A KST wall-clock time, HH:MM or HH:MM:SS, 00:00 to 23:59:59. */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * The cron expression (seconds field first) that fires at `time` KST on weekdays. Holidays are filtered in the
 * callback against the trading calendar, which cron cannot express. Throws RangeError on a malformed time.
 */
export function phaseCronExpression(time: string): string {
  const m = TIME.exec(time);
  if (m === null) throw new RangeError(`phase time must be HH:MM or HH:MM:SS (KST): "${time}"`);
  return `${Number(m[3] ?? 0)} ${Number(m[2])} ${Number(m[1])} * * 1-5`;
}
