import type { Execution } from '../src/domain/Execution.ts';
import { earlierOrderDay } from '../src/domain/earlierOrderDay.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import { matchUnknownOrder } from '../src/domain/matchUnknownOrder.ts';
import { recordId } from '../src/store/keys.ts';
import { applyBrokerFills } from './applyBrokerFills.ts';
import { matchWindow } from './brokerClock.ts';
import type { OrderContext } from './OrderContext.ts';
import { adoptUnclaimed, claimOrKeep } from './orderNoClaims.ts';
import { parkEarlierDay } from './parkEarlierDay.ts';
import type { ReconcileOutcome } from './ReconcileOutcome.ts';
import { readListsThenClaims } from './readListsThenClaims.ts';

/**
 * Reconciliation: settling what the ledger does not know against the broker's own lists, before anything is sent
 * again. Kiwoom has no client order id, so a request whose answer was lost can only be found by looking.
 * @see ../shared/reference/kiwoom-rest.md "Orders" ("There is no client order id")
 */

/**
 * Reconciles a `sending` or `unknown` record against the broker's open and executed orders (same code, side,
 * quantity and limit price, accepted after the record's send time, not owned by another record). Found: adopted
 * (and its fills applied). Not found: the record goes back to `queued` only once `settleMs` have passed since it
 * was sent; before that the answer is `too-early`. Ambiguous: the record is left `unknown` with an error event.
 */
export async function reconcileRecord(
  ctx: OrderContext,
  id: string,
  now: number = Date.now(),
): Promise<ReconcileOutcome> {
  const rec = await ctx.ledger.get(id);
  if (rec === undefined) throw new Error(`no ledger record ${id}`);
  if (rec.state !== 'sending' && rec.state !== 'unknown') return { kind: 'not-needed', state: rec.state };
  const day = earlierOrderDay(rec, now);
  if (day !== undefined) {
    await parkEarlierDay(ctx, rec, day);
    return { kind: 'earlier-day', day };
  }
  if (rec.unclaimedOrderNo !== undefined) return adoptUnclaimed(ctx, rec, rec.unclaimedOrderNo);
  const sentAt = rec.sentAt ?? rec.updatedAt;
  const { openOrders, executions, claimed, inFlight } = await readListsThenClaims(ctx, rec);
  const match = matchUnknownOrder({
    sent: { code: rec.code, side: rec.side, qty: rec.qty, price: rec.orderType === 'market' ? 0 : rec.price, sentAt },
    openOrders,
    executions,
    claimedOrderNos: claimed,
    ...matchWindow(ctx),
  });
  const base = { planId: rec.planId, side: rec.side, code: rec.code, round: rec.round };
  // Every conclusion below is about the send the lists were read for. A record whose send time moved meanwhile is
  // another send (the place job restamped its claim right before its request left, or the record went back to
  // `queued` and was claimed again): these lists, fetched before it, say nothing about it, and taking it back to
  // `queued` (or `unknown`) would lose the order it just placed and let the round be sent twice.
  const sameSend = (cur: LedgerRecord) => cur.sentAt === rec.sentAt;
  // An identical request of the leg is out without an answer: the order found may be its own, not yet claimed.
  // Adopting it would take that round's order; wait until that request has its answer. Only while that request can
  // still arrive (its settle time): after it, a `sending` twin is not in flight but left over (a crash, a ledger that
  // lost writes) and waits to be settled like this record; waiting for it then, each would wait for the other.
  const type = (r: LedgerRecord) => r.orderType ?? 'limit';
  const settledAt = (r: LedgerRecord) => Math.max(r.sentAt ?? r.updatedAt, r.unknownAt ?? 0) + ctx.settings.settleMs;
  const canStillArrive = (r: LedgerRecord) => now < settledAt(r);
  const twins = inFlight.filter(
    (r) => r.qty === rec.qty && r.price === rec.price && type(r) === type(rec) && canStillArrive(r),
  );
  if (match.kind !== 'none' && twins.length > 0) {
    const retryAt = Math.max(now + 1, ...twins.map(settledAt));
    return { kind: 'too-early', retryAt };
  }
  if (match.kind === 'found') return adoptOrder(ctx, rec, match.orderNo, executions);
  if (match.kind === 'ambiguous') {
    let movedOn = false;
    const t = await ctx.ledger.update(id, (cur) => {
      movedOn = (cur.state !== 'sending' && cur.state !== 'unknown') || !sameSend(cur);
      return !movedOn && cur.state === 'sending' ? { ...cur, state: 'unknown' } : undefined;
    });
    if (t === undefined || movedOn) return { kind: 'not-needed', state: t?.before.state ?? rec.state };
    await ctx.emit({
      type: 'error',
      planId: rec.planId,
      code: 'ambiguous-match',
      side: rec.side,
      stockCode: rec.code,
      round: rec.round,
      orderNos: [...match.orderNos],
    });
    return { kind: 'ambiguous', orderNos: match.orderNos };
  }
  // Not found proves nothing until the request can no longer arrive: settleMs after it left, and after its call
  // gave up when that was later (the client may send well after `sentAt`, see LedgerRecord.unknownAt).
  const settleFrom = Math.max(sentAt, rec.unknownAt ?? 0);
  if (now - settleFrom < ctx.settings.settleMs)
    return { kind: 'too-early', retryAt: settleFrom + ctx.settings.settleMs };
  const t = await ctx.ledger.update(id, (cur) => {
    if ((cur.state !== 'sending' && cur.state !== 'unknown') || !sameSend(cur)) return undefined;
    const { sentAt: _s, unknownAt: _u, ...rest } = cur;
    return {
      ...rest,
      state: 'queued',
      qty: 0,
      price: 0,
      note: { code: 'not-found-after-send', afterMs: now - sentAt },
    };
  });
  if (t === undefined || !t.changed) return { kind: 'not-needed', state: t?.before.state ?? rec.state };
  await ctx.emit({ type: 'order-reconciled', ...base, found: false });
  return { kind: 'not-placed' };
}

/**
 * Adopts broker order `orderNo` as the placement of `rec`'s lost request (the record read before the broker's lists
 * were): the record becomes `open` with that number (claimed today), an `order-reconciled` event is pushed and the
 * order's fills are applied from `executions`. Only while the record is still `sending`/`unknown` for the same send
 * (same `sentAt`); otherwise `not-needed`. A number another record owns today: `unclaimed` (kept, see claimOrKeep).
 * Used by reconcileRecord (one order fits) and by a person settling the record (src/cli/ledger.ts).
 */
export async function adoptOrder(
  ctx: OrderContext,
  rec: LedgerRecord,
  orderNo: string,
  executions: readonly Execution[],
): Promise<ReconcileOutcome> {
  const id = rec.id ?? recordId(rec);
  const sentAt = rec.sentAt ?? rec.updatedAt;
  const t = await claimOrKeep(ctx, id, () =>
    ctx.ledger.update(id, (cur) => {
      if ((cur.state !== 'sending' && cur.state !== 'unknown') || cur.sentAt !== rec.sentAt) return undefined;
      const { note: _n, error: _e, unknownAt: _u, ...rest } = cur;
      return { ...rest, state: 'open', orderNo, orderNos: [...cur.orderNos, orderNo], lastPlacedAt: sentAt };
    }),
  );
  if (t === undefined) return { kind: 'unclaimed', orderNo };
  if (!t.changed) return { kind: 'not-needed', state: t.before.state };
  await ctx.emit({
    type: 'order-reconciled',
    planId: rec.planId,
    side: rec.side,
    code: rec.code,
    round: rec.round,
    found: true,
    orderNo,
  });
  await applyBrokerFills(ctx, t.after, executions);
  return { kind: 'placed', orderNo };
}
