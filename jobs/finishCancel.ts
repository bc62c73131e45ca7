import type { CancelCause } from '../src/domain/CancelCause.ts';
import type { Execution } from '../src/domain/Execution.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import { storedCancelCause } from '../src/domain/storedCancelCause.ts';
import { recordId } from '../src/store/keys.ts';
import { applyBrokerFills } from './applyBrokerFills.ts';
import { clearPending } from './clearPending.ts';
import { ensureFollowUp } from './ensureFollowUp.ts';
import type { OrderContext } from './OrderContext.ts';

/**
 * Closes a record whose order was cancelled (or vanished from the open list): fills from the executions, then
 * `cancelled` (or `filled` if everything filled first), a `cancelled` event for the part that did not fill, and the
 * follow-up market order when the record asked for one. The cause is the one the record carries (its cancel's), else
 * `cause`.
 */
export async function finishCancel(
  ctx: OrderContext,
  rec: LedgerRecord,
  executions: readonly Execution[],
  cause: CancelCause,
): Promise<LedgerRecord | undefined> {
  const id = rec.id ?? recordId(rec);
  await applyBrokerFills(ctx, rec, executions, {
    state: 'cancelled',
    cause: storedCancelCause(rec.cancelCause, rec.cancelReason) ?? cause,
    clearPending: true,
  });
  // The record may have been final already (filled by the poll meanwhile): then the mark is cleared here.
  await clearPending(ctx, id);
  const after = await ctx.ledger.get(id);
  if (after === undefined) return undefined;
  if (after.state === 'cancelled' && rec.state !== 'cancelled') {
    await ctx.emit({
      type: 'cancelled',
      planId: after.planId,
      side: after.side,
      code: after.code,
      name: after.name,
      round: after.round,
      orderNo: after.orderNo ?? '',
      qty: after.qty - after.filledQty,
      cause: storedCancelCause(after.cancelCause, after.cancelReason) ?? cause,
    });
  }
  if (after.followUp === 'market') await ensureFollowUp(ctx, after);
  return after;
}
