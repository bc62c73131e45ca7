import type { LedgerRecord } from './LedgerRecord.ts';

/**
 * The records cancelled to go to market (AMEND_POLICY=market) whose follow-up record is missing: closed `cancelled`
 * with shares unfilled and no record of the same round with the next `seq`. A phase is not done while one exists
 * (isPhaseDone); the poll creates what is missing (a crash between the close and the follow-up's creation, after
 * the market job had finished, would otherwise leave the phase open for ever).
 */
export function missingFollowUps<
  T extends Pick<LedgerRecord, 'code' | 'round' | 'seq' | 'state' | 'followUp' | 'qty' | 'filledQty'>,
>(records: readonly T[]): T[] {
  return records.filter(
    (r) =>
      r.followUp === 'market' &&
      r.state === 'cancelled' &&
      r.qty > r.filledQty &&
      !records.some((f) => f.code === r.code && f.round === r.round && (f.seq ?? 0) === (r.seq ?? 0) + 1),
  );
}
