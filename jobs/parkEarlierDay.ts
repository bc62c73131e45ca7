import { FINAL_STATES, type LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { RecordNote } from '../src/domain/RecordNote.ts';
import { sameNote } from '../src/domain/sameNote.ts';
import { recordId } from '../src/store/keys.ts';
import type { OrderContext } from './OrderContext.ts';

/**
 * A record still at the broker (open, partial, in flight or unknown) from an earlier KST day: today's lists cannot
 * settle it (its fills after the last poll of that day, a lost answer), and guessing could double an order or count
 * another order's fills. It becomes `unknown` with an `error` event, once, and is left for a person. Returns true
 * when this call parked it.
 */
export async function parkEarlierDay(ctx: OrderContext, rec: LedgerRecord, day: string): Promise<boolean> {
  const id = rec.id ?? recordId(rec);
  const note: RecordNote = { code: 'earlier-day-unsettled', day };
  // A record the older version parked carries its words instead of the note: it is parked already, not again.
  const olderWords = `sent on ${day} (KST) and not settled that day: today's broker lists cannot tell what became of it`;
  const parked = (cur: LedgerRecord) =>
    cur.state === 'unknown' && (sameNote(cur.note, note) || (cur.note === undefined && cur.error === olderWords));
  const res = await ctx.ledger.update(id, (cur) =>
    FINAL_STATES.has(cur.state) || parked(cur) ? undefined : { ...cur, state: 'unknown', note },
  );
  if (res === undefined || !res.changed) return false;
  ctx.logger?.error({ recordId: id, day }, 'record of an earlier day left unknown');
  await ctx.emit({
    type: 'error',
    planId: rec.planId,
    code: 'earlier-day-unsettled',
    side: rec.side,
    stockCode: rec.code,
    round: rec.round,
    day,
  });
  return true;
}
