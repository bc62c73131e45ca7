import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';

/** The fields every order event carries about its record. */
export function eventBase(rec: LedgerRecord) {
  return { planId: rec.planId, side: rec.side, code: rec.code, round: rec.round };
}
