import { FINAL_STATES, type LedgerRecord } from '../src/domain/LedgerRecord.ts';
import { applyBrokerFills } from './applyBrokerFills.ts';
import { eventBase } from './eventBase.ts';
import type { OrderContext } from './OrderContext.ts';
import { claimOrKeep } from './orderNoClaims.ts';

/** A placement the broker accepted: its number, and what was sent. */
export interface AcceptedPlacement {
  readonly orderNo: string;
  readonly qty: number;
  readonly price: number;
  readonly sentAt: number;
}

/** What attachAcceptedOrder did. */
export type AttachOutcome =
  /** The record holds the order now (open, or partial/filled with the fills the broker reports). */
  | 'attached'
  /** The record already had that number. */
  | 'already'
  /** The record is final, holds another live order, or the number is owned by another record: a person decides. */
  | 'left-for-a-person'
  | 'missing';

/**
 * The broker accepted a placement of record `id`, but the record no longer waits for it (`sending` with this send's
 * stamp). Most likely the ledger went back in time: Redis lost its last writes (AOF `everysec` on a host crash, a
 * restore), and the record came back `queued` (or `sending`/`unknown` of an earlier version). The order exists at the
 * broker, so it is attached to the record, which becomes `open` with that number, claimed today, and its fills are
 * applied from the executed list (absolute totals, so a fill the lost writes had recorded is learned again). Left
 * `queued`, the round would be sent a second time. A record that is final or holds another live order is not
 * changed: an `error` event asks a person to look. Never sends anything.
 */
export async function attachAcceptedOrder(
  ctx: OrderContext,
  id: string,
  placed: AcceptedPlacement,
): Promise<AttachOutcome> {
  const res = await claimOrKeep(ctx, id, () =>
    ctx.ledger.update(id, (cur) => {
      if (cur.orderNos.includes(placed.orderNo)) return undefined;
      if (!canAttach(cur)) return undefined;
      const { note: _n, error: _e, unknownAt: _u, unclaimedOrderNo: _c, ...rest } = cur;
      return {
        ...rest,
        state: 'open',
        qty: placed.qty,
        price: placed.price,
        sentAt: placed.sentAt,
        orderNo: placed.orderNo,
        orderNos: [...cur.orderNos, placed.orderNo],
        lastPlacedAt: placed.sentAt,
      };
    }),
  );
  if (res === undefined) {
    // No such record, or the number is owned by another record (kept as unclaimedOrderNo, see claimOrKeep).
    return (await ctx.ledger.get(id)) === undefined ? 'missing' : 'left-for-a-person';
  }
  if (!res.changed) {
    if (res.before.orderNos.includes(placed.orderNo)) return 'already';
    await askAPerson(ctx, res.before, placed.orderNo);
    return 'left-for-a-person';
  }
  const after = res.after;
  ctx.logger?.warn(
    { recordId: id, was: res.before.state, orderNo: placed.orderNo },
    'accepted order attached to a record that had moved on (the ledger lost writes?)',
  );
  await ctx.emit({ type: 'order-reconciled', ...eventBase(after), found: true, orderNo: placed.orderNo });
  await applyBrokerFills(ctx, after, await ctx.broker.getExecutions());
  return 'attached';
}

/**
 * A record can take an accepted order when it does not hold one: waiting to be sent (`queued`), or in an earlier
 * send's `sending`/`unknown` without an order number kept for a person.
 */
function canAttach(rec: LedgerRecord): boolean {
  if (rec.state === 'queued') return true;
  if (rec.state === 'sending' || rec.state === 'unknown') return rec.unclaimedOrderNo === undefined;
  return false;
}

async function askAPerson(ctx: OrderContext, rec: LedgerRecord, orderNo: string): Promise<void> {
  ctx.logger?.error({ recordId: rec.id, state: rec.state, orderNo }, 'accepted order could not be attached');
  await ctx.emit({
    type: 'error',
    planId: rec.planId,
    code: 'accepted-order-not-attached',
    side: rec.side,
    stockCode: rec.code,
    round: rec.round,
    orderNo,
    state: rec.state,
    ...(!FINAL_STATES.has(rec.state) ? { heldOrderNo: rec.orderNo ?? '-' } : {}),
  });
}
