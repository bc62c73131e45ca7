import { FINAL_STATES, type LedgerRecord, type LedgerState } from '../src/domain/LedgerRecord.ts';
import { OrderNoConflictError } from '../src/store/errors/OrderNoConflictError.ts';
import { recordId } from '../src/store/keys.ts';
import { applyBrokerFills } from './applyBrokerFills.ts';
import { eventBase } from './eventBase.ts';
import type { OrderContext } from './OrderContext.ts';
import type { ReconcileOutcome } from './ReconcileOutcome.ts';

/**
 * Order-number claims: a number the broker gave out is owned by one record per KST day (the ledger's index). An
 * accepted order whose number another record owns is kept with its record, never dropped, until a person settles it.
 */

/**
 * Runs a ledger change that claims an order number the broker has just given out. When another record owns that
 * number today (OrderNoConflictError) the number is kept with the record (keepUnclaimedOrder) instead of being lost
 * with an exception, and undefined is returned.
 */
export async function claimOrKeep<T>(ctx: OrderContext, id: string, claim: () => Promise<T>): Promise<T | undefined> {
  try {
    return await claim();
  } catch (err) {
    if (!(err instanceof OrderNoConflictError)) throw err;
    await keepUnclaimedOrder(ctx, id, err);
    return undefined;
  }
}

/**
 * The broker accepted a request of this record, but its order number is owned by another record today (a paper
 * exchange restarted within the day, or a wrong adoption). The accepted order must not be forgotten: the record
 * becomes `unknown` with the number in `unclaimedOrderNo` (reconciliation then never sends it again, see
 * reconcileRecord) and an `error` event asks a person to settle it. A final record only gets the note.
 */
export async function keepUnclaimedOrder(
  ctx: OrderContext,
  id: string,
  conflict: OrderNoConflictError,
): Promise<LedgerRecord | undefined> {
  const res = await ctx.ledger.update(id, (cur) => ({
    ...cur,
    ...(FINAL_STATES.has(cur.state) ? {} : { state: 'unknown' as const }),
    unclaimedOrderNo: conflict.orderNo,
    note: { code: 'order-number-taken', orderNo: conflict.orderNo, ownerId: conflict.ownerId },
  }));
  const rec = res?.after;
  ctx.logger?.error(
    { recordId: id, orderNo: conflict.orderNo, owner: conflict.ownerId },
    'order number owned by another record',
  );
  await ctx.emit({
    type: 'error',
    ...(rec !== undefined ? { planId: rec.planId, side: rec.side, stockCode: rec.code, round: rec.round } : {}),
    code: 'order-number-taken',
    recordId: id,
    orderNo: conflict.orderNo,
    ownerId: conflict.ownerId,
  });
  return rec;
}

/**
 * Tries again to give an `unknown` record the order number it could not claim (a person may have freed it): as an
 * amendment when an amend was pending against its live order, else as its placement. Still owned by another
 * record: `unclaimed`, nothing changed and no new event.
 */
export async function adoptUnclaimed(ctx: OrderContext, rec: LedgerRecord, orderNo: string): Promise<ReconcileOutcome> {
  const id = rec.id ?? recordId(rec);
  let res: Awaited<ReturnType<typeof ctx.ledger.update>>;
  try {
    res = await ctx.ledger.update(id, (cur) => {
      if (cur.state !== 'unknown' || cur.unclaimedOrderNo !== orderNo) return undefined;
      const { unclaimedOrderNo: _u, note: _n, error: _e, pending: p, ...rest } = cur;
      const amended = p?.kind === 'amend' && cur.orderNo === p.fromOrderNo;
      const state: LedgerState = cur.filledQty > 0 ? 'partial' : 'open';
      return {
        ...rest,
        state,
        orderNo,
        orderNos: [...cur.orderNos, orderNo],
        lastPlacedAt: amended ? p.at : (cur.sentAt ?? cur.updatedAt),
        ...(amended
          ? {
              price: p.toPrice ?? cur.price,
              amendments: [
                ...cur.amendments,
                {
                  at: p.at,
                  fromOrderNo: p.fromOrderNo,
                  toOrderNo: orderNo,
                  fromPrice: p.fromPrice,
                  toPrice: p.toPrice ?? cur.price,
                  qty: p.qty,
                },
              ],
            }
          : {}),
      };
    });
  } catch (err) {
    if (err instanceof OrderNoConflictError) return { kind: 'unclaimed', orderNo };
    throw err;
  }
  if (res === undefined || !res.changed) return { kind: 'not-needed', state: res?.before.state ?? rec.state };
  const after = res.after;
  await ctx.emit({ type: 'order-reconciled', ...eventBase(after), found: true, orderNo });
  await applyBrokerFills(ctx, after, await ctx.broker.getExecutions());
  return { kind: 'placed', orderNo };
}
