import type { LedgerRecord } from './LedgerRecord.ts';

/**
 * Whether a leg's last round must wait for an earlier round of its leg: the last round sends whatever remains of the
 * leg (roundSendQty), so sent while an earlier round is still `queued` it would send that round's shares too, the
 * earlier round would then be skipped, and the TWAP would collapse into one order. Rounds normally run in order
 * (BullMQ priority = round), but a per-job delay (trading hours, the broker's clock, a cancel awaiting
 * confirmation) or a job lost and restored by the poll can reorder them. Market follow-ups (`seq` > 0) are not
 * rounds and are not waited for.
 */
export function earlierRoundsQueued(
  last: Pick<LedgerRecord, 'round' | 'isLastRound'>,
  others: ReadonlyArray<Pick<LedgerRecord, 'round' | 'seq' | 'state'>>,
): boolean {
  if (!last.isLastRound) return false;
  return others.some((r) => (r.seq ?? 0) === 0 && r.round < last.round && r.state === 'queued');
}
