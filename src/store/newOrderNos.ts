import type { LedgerRecord } from '../domain/LedgerRecord.ts';

/** The order numbers `after` holds (its current one and its amendments') that `before` did not: the ones to claim. */
export function newOrderNos(before: LedgerRecord, after: LedgerRecord): string[] {
  const had = new Set(before.orderNos);
  if (before.orderNo !== undefined) had.add(before.orderNo);
  const now = new Set(after.orderNos);
  if (after.orderNo !== undefined) now.add(after.orderNo);
  return [...now].filter((n) => !had.has(n));
}
