import type { LedgerRecord } from './LedgerRecord.ts';
import { orderNoDay } from './orderNoDay.ts';

/**
 * The KST day (`YYYYMMDD`) of a record's latest request at the broker (placement, amendment, or one in flight) when
 * that is before the day of `now`; undefined for today's records and records never sent. The broker's open and
 * executed lists hold today's orders only, and order numbers restart every day: a number of an earlier day in
 * today's lists is another order, and an earlier day's order is not in them at all.
 */
export function earlierOrderDay(
  rec: Pick<LedgerRecord, 'lastPlacedAt' | 'sentAt' | 'pending'>,
  now: number,
): string | undefined {
  const times = [rec.lastPlacedAt, rec.sentAt, rec.pending?.at].filter((t): t is number => t !== undefined);
  if (times.length === 0) return undefined;
  const day = orderNoDay(Math.max(...times));
  return day < orderNoDay(now) ? day : undefined;
}
