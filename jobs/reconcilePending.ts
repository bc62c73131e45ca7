import { cancelSettlement } from '../src/domain/cancelSettlement.ts';
import type { Execution } from '../src/domain/Execution.ts';
import { earlierOrderDay } from '../src/domain/earlierOrderDay.ts';
import type { OpenOrder } from '../src/domain/OpenOrder.ts';
import { applyBrokerFills } from './applyBrokerFills.ts';
import { clearPending } from './clearPending.ts';
import { finishCancel } from './finishCancel.ts';
import type { OrderContext } from './OrderContext.ts';
import { parkEarlierDay } from './parkEarlierDay.ts';
import { readListsThenClaims } from './readListsThenClaims.ts';
import { recordAmendment } from './recordAmendment.ts';

/** What reconcilePending found out about an amend or cancel whose outcome was unknown. */
export type PendingOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'done' }
  | { readonly kind: 'not-done' }
  | { readonly kind: 'too-early'; readonly retryAt: number };

/**
 * Settles an amend or cancel whose outcome was unknown (`record.pending`). An amend is done when an order that
 * replaces the old one at the new price exists; a cancel is done when the old order is no longer open. Not done
 * (after `settleMs`): the pending mark is cleared and the poll decides again.
 */
export async function reconcilePending(
  ctx: OrderContext,
  id: string,
  now: number = Date.now(),
): Promise<PendingOutcome> {
  const rec = await ctx.ledger.get(id);
  const p = rec?.pending;
  // A record holding an order number it could not claim keeps its pending amendment for reconcileRecord to adopt.
  if (rec === undefined || p === undefined || rec.unclaimedOrderNo !== undefined) return { kind: 'none' };
  const day = earlierOrderDay(rec, now);
  if (day !== undefined) {
    await parkEarlierDay(ctx, rec, day);
    return { kind: 'none' };
  }
  // The lists first, the claims after them (see readListsThenClaims).
  const { openOrders, executions, claimed } = await readListsThenClaims(ctx, rec);
  // As for a placement (reconcileRecord): settled only settleMs after the call gave up, when that was after `at`.
  const settleFrom = Math.max(p.at, p.unknownAt ?? 0);
  const settled = now - settleFrom >= ctx.settings.settleMs;
  if (p.kind === 'amend') {
    const chain = new Set([p.fromOrderNo, rec.orderNos[0]]);
    const replacement = [...openOrders, ...executions.map(executionAsOrder)].filter(
      (o) =>
        o.code === rec.code &&
        o.origOrderNo !== undefined &&
        chain.has(o.origOrderNo) &&
        o.price === p.toPrice &&
        !claimed.has(o.orderNo),
    );
    const found = replacement[0];
    if (found !== undefined) {
      await recordAmendment(ctx, id, { fromOrderNo: p.fromOrderNo, toOrderNo: found.orderNo, at: p.at });
      return { kind: 'done' };
    }
    if (!settled) return { kind: 'too-early', retryAt: settleFrom + ctx.settings.settleMs };
    await clearPending(ctx, id);
    return { kind: 'not-done' };
  }
  // A cancel: acknowledged (or its order seen gone) at `ackAt`, or its answer lost. Either way the order may still
  // fill until the lists confirm it has stopped (cancelSettlement); until then the record stays live at its full
  // quantity and nothing is sized from it.
  const s = cancelSettlement({
    orderNo: p.fromOrderNo,
    openOrders,
    executions,
    since: p.ackAt ?? settleFrom,
    now,
    settleMs: ctx.settings.settleMs,
  });
  if (s.kind === 'confirmed') {
    await finishCancel(ctx, rec, executions, { code: 'confirmed', afterLostAnswer: p.ackAt === undefined });
    return { kind: 'done' };
  }
  if (s.kind === 'too-early' || !s.settled) return { kind: 'too-early', retryAt: s.retryAt };
  // Still open a settle time after: the cancel did not take effect. Its fills are kept; the poll decides again.
  await applyBrokerFills(ctx, rec, executions);
  await clearPending(ctx, id);
  return { kind: 'not-done' };
}

/**
 * Notes on a record's pending cancel that the broker acknowledged it (or that its order is gone from the open list)
 * at `ackAt`: from then the cancel waits for the lists to confirm it (reconcilePending). Only the cancel let out at
 * `at` (its pending mark), and only once. Returns true when this call wrote it.
 */
export async function markCancelAcknowledged(
  ctx: OrderContext,
  id: string,
  at: number,
  ackAt: number,
): Promise<boolean> {
  const res = await ctx.ledger.update(id, (cur) =>
    cur.pending?.kind === 'cancel' && cur.pending.at === at && cur.pending.ackAt === undefined
      ? { ...cur, pending: { ...cur.pending, ackAt } }
      : undefined,
  );
  return res?.changed === true;
}

function executionAsOrder(e: Execution): Pick<OpenOrder, 'orderNo' | 'origOrderNo' | 'code' | 'price'> {
  return {
    orderNo: e.orderNo,
    code: e.code,
    price: e.orderPrice,
    ...(e.origOrderNo !== undefined ? { origOrderNo: e.origOrderNo } : {}),
  };
}
