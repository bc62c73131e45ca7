import { clockOffsetVerdict, DEFAULT_MAX_CLOCK_OFFSET_MS } from '../src/domain/brokerClockOffset.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { RecordNote } from '../src/domain/RecordNote.ts';
import { sameNote } from '../src/domain/sameNote.ts';
import type { OrderContext } from './OrderContext.ts';

/**
 * The broker's clock, as the order jobs use it. Its order lists are stamped on its own clock, and a lost order is
 * looked for by its listed time: a broker clock far from ours can hide it, and the round is sent twice. So the
 * offset measured from its answers (Broker.clockOffset) is applied to the matching window, and no order is placed
 * while it is known to be past MAX_CLOCK_OFFSET_MS.
 * @see ../src/domain/brokerClockOffset.ts
 */

/** The window options of matchUnknownOrder for this context: CLOCK_SKEW_MS and the measured offset, when known. */
export function matchWindow(ctx: OrderContext): { clockSkewMs?: number; brokerOffsetMs?: number } {
  const offset = ctx.broker.clockOffset?.();
  return {
    ...(ctx.settings.clockSkewMs !== undefined ? { clockSkewMs: ctx.settings.clockSkewMs } : {}),
    ...(offset !== undefined ? { brokerOffsetMs: offset.offsetMs } : {}),
  };
}

/**
 * Before a record is placed: undefined when the broker's clock is not known to be past the bound (measured within
 * it, or not measured: a broker that writes no time cannot be checked this way); otherwise the record keeps its
 * place (`queued`), an `error` event says why (once per spell: the record's `note` carries it), and the caller
 * tries again at the time returned.
 */
export async function brokerClockWait(ctx: OrderContext, rec: LedgerRecord, now: number): Promise<number | undefined> {
  const bound = ctx.settings.maxClockOffsetMs ?? DEFAULT_MAX_CLOCK_OFFSET_MS;
  const offset = ctx.broker.clockOffset?.();
  if (clockOffsetVerdict(offset, bound) !== 'too-far' || offset === undefined) return undefined;
  const note: RecordNote = { code: 'broker-clock-off', maxOffsetMs: bound };
  // A record the older version held carries its words instead of the note: it is held already, said once.
  const olderWords = `the broker's clock is more than ${bound} ms off ours (MAX_CLOCK_OFFSET_MS): not placing orders until it is back within it`;
  const held = (cur: LedgerRecord) => sameNote(cur.note, note) || (cur.note === undefined && cur.error === olderWords);
  const id = rec.id ?? '';
  const t = await ctx.ledger.update(id, (cur) => (cur.state === 'queued' && !held(cur) ? { ...cur, note } : undefined));
  if (t?.changed) {
    ctx.logger?.error({ recordId: id, offsetMs: offset.offsetMs, bound }, 'broker clock too far off: order held');
    await ctx.emit({
      type: 'error',
      planId: rec.planId,
      code: 'broker-clock-off',
      side: rec.side,
      stockCode: rec.code,
      round: rec.round,
      offsetMs: offset.offsetMs,
      maxOffsetMs: bound,
    });
  }
  return now + Math.max(ctx.settings.settleMs, 1_000);
}
