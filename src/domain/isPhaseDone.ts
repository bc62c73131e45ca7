import type { LedgerRecord } from './LedgerRecord.ts';
import { FINAL_STATES } from './LedgerRecord.ts';
import { missingFollowUps } from './missingFollowUps.ts';
import type { PlanLeg, Side } from './types.ts';

/**
 * True when a phase has nothing left to do: every leg with shares has its last round in the ledger, every record
 * of the side is final (filled, cancelled, rejected or skipped), and every record cancelled to go to market
 * (AMEND_POLICY=market) with shares unfilled already has its follow-up record. A phase with no legs of shares is
 * done at once. Records created one at a time are covered: until the last round (or the follow-up) exists, the
 * phase is not done.
 */
export function isPhaseDone(
  side: Side,
  legs: ReadonlyArray<Pick<PlanLeg, 'code' | 'qty'>>,
  records: readonly LedgerRecord[],
): boolean {
  const mine = records.filter((r) => r.side === side);
  if (mine.some((r) => !FINAL_STATES.has(r.state))) return false;
  if (missingFollowUps(mine).length > 0) return false;
  return legs.filter((leg) => leg.qty > 0).every((leg) => mine.some((r) => r.code === leg.code && r.isLastRound));
}
