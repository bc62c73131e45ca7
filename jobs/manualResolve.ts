import type { BrokerCandidate } from '../src/domain/BrokerCandidate.ts';
import type { Execution } from '../src/domain/Execution.ts';
import { earlierOrderDay } from '../src/domain/earlierOrderDay.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import { matchUnknownOrder } from '../src/domain/matchUnknownOrder.ts';
import type { OpenOrder } from '../src/domain/OpenOrder.ts';
import type { ResolveRefusal } from '../src/domain/ResolveRefusal.ts';
import type { ResolveResult } from '../src/domain/ResolveResult.ts';
import { recordId } from '../src/store/keys.ts';
import { matchWindow } from './brokerClock.ts';
import type { OrderContext } from './OrderContext.ts';
import { adoptUnclaimed } from './orderNoClaims.ts';
import { ensurePlaceJob } from './orderQueue.ts';
import { adoptOrder } from './reconcileRecord.ts';

/**
 * Settling by hand the ledger records the engine leaves `unknown` for a person (an ambiguous lost request, an
 * accepted order number owned by another record, a record of an earlier day): what the broker lists for them, and
 * the two settlements a person can make (adopt a listed order; assert the request never became an order). Every
 * settlement goes through the engine's own ledger changes (adoptOrder / adoptUnclaimed, the `queued` transition
 * and ensurePlaceJob), so nothing here is a second path to the broker.
 */

/** What the broker says about one record needing a person. */
export interface RecordCandidates {
  readonly candidates: readonly BrokerCandidate[];
  /** Why the lists cannot be compared with the record (sent on an earlier KST day), when so. */
  readonly earlierDay?: string;
}

/** A record a person has to look at: `unknown`, or holding an accepted order number it could not claim. */
export function needsPerson(rec: LedgerRecord): boolean {
  return rec.state === 'unknown' || rec.unclaimedOrderNo !== undefined;
}

/**
 * A record the engine will not settle by itself: `unknown` with an unclaimed order number, from an earlier day, or
 * still unknown after its own job and the poll's later look (2 x settleMs after its request could last arrive) have
 * reconciled it (two or more orders fit).
 */
export function awaitsPerson(rec: LedgerRecord, now: number, settleMs: number): boolean {
  if (rec.state !== 'unknown') return false;
  if (rec.unclaimedOrderNo !== undefined || earlierOrderDay(rec, now) !== undefined) return true;
  const settleFrom = Math.max(rec.sentAt ?? rec.updatedAt, rec.unknownAt ?? 0);
  return now - settleFrom >= 2 * settleMs;
}

/** The broker's lists of today, read once for several records. */
export interface BrokerLists {
  readonly openOrders: readonly OpenOrder[];
  readonly executions: readonly Execution[];
  readonly claimed: ReadonlySet<string>;
}

/** Reads the broker's open and executed orders and the order numbers the ledger claimed today. */
export async function readBrokerLists(ctx: OrderContext): Promise<BrokerLists> {
  const [openOrders, executions, claimed] = await Promise.all([
    ctx.broker.getOpenOrders(),
    ctx.broker.getExecutions(),
    ctx.ledger.claimedOrderNos(),
  ]);
  return { openOrders, executions, claimed };
}

/**
 * The broker orders that could be `rec`'s lost request: original orders (not amendments or cancels, not rejected)
 * of the same code, side and quantity, accepted no earlier than the request left (minus the clock skew), that no
 * other record owns today (matchUnknownOrder without the price). None for a record never sent or of an earlier day.
 */
export function brokerCandidates(
  ctx: OrderContext,
  rec: LedgerRecord,
  lists: BrokerLists,
  now: number,
): RecordCandidates {
  const earlierDay = earlierOrderDay(rec, now);
  if (earlierDay !== undefined) return { candidates: [], earlierDay };
  if (rec.qty <= 0) return { candidates: [] };
  const mine = new Set(rec.orderNos);
  const claimed = new Set([...lists.claimed].filter((n) => !mine.has(n)));
  const match = matchUnknownOrder({
    sent: { code: rec.code, side: rec.side, qty: rec.qty, price: 0, sentAt: rec.sentAt ?? rec.updatedAt },
    openOrders: lists.openOrders,
    executions: lists.executions,
    claimedOrderNos: claimed,
    ...matchWindow(ctx),
  });
  const orderNos = match.kind === 'found' ? [match.orderNo] : match.kind === 'ambiguous' ? match.orderNos : [];
  return { candidates: orderNos.map((n) => describeOrder(n, lists)).filter((c) => c !== undefined) };
}

/**
 * Adopts broker order `orderNo` for an `unknown` record: only when the broker lists it today as an original order of
 * the record's code, side and quantity, accepted after the request left, and no other record owns it. A record
 * holding an unclaimed number can only adopt that number (the broker gave it to this record's request), once its
 * owner has let it go. The record becomes open/partial/filled with the order's fills; `resolved` event.
 */
export async function resolveByOrderNo(
  ctx: OrderContext,
  id: string,
  orderNo: string,
  now: number = Date.now(),
): Promise<ResolveResult> {
  const rec = await ctx.ledger.get(id);
  if (rec === undefined) return { kind: 'refused', refusal: { code: 'no-record', id, accountId: ctx.accountId } };
  const refused = notSettleable(rec, now);
  if (refused !== undefined) return { kind: 'refused', refusal: refused };
  const owner = await ctx.ledger.findByOrderNo(orderNo);
  if (owner !== undefined && owner.id !== id) {
    return { kind: 'refused', refusal: { code: 'owned-by-other', orderNo, ownerId: owner.id ?? '?' } };
  }
  if (rec.unclaimedOrderNo !== undefined && rec.unclaimedOrderNo !== orderNo) {
    return { kind: 'refused', refusal: { code: 'unclaimed-only', unclaimedOrderNo: rec.unclaimedOrderNo } };
  }
  const lists = await readBrokerLists(ctx);
  const listed = describeOrder(orderNo, lists);
  const row = [...lists.openOrders.map(openAsRow), ...lists.executions.map(executionAsRow)].find(
    (o) => o.orderNo === orderNo,
  );
  if (listed === undefined || row === undefined) {
    return { kind: 'refused', refusal: { code: 'not-listed', orderNo } };
  }
  const fields: Array<{ field: 'code' | 'side' | 'quantity'; broker: string; record: string }> = [];
  if (row.code !== rec.code) fields.push({ field: 'code', broker: row.code, record: rec.code });
  if (row.side !== rec.side) fields.push({ field: 'side', broker: row.side, record: rec.side });
  if (rec.unclaimedOrderNo === undefined) {
    if (row.qty !== rec.qty) fields.push({ field: 'quantity', broker: String(row.qty), record: String(rec.qty) });
  }
  if (fields.length > 0) return { kind: 'refused', refusal: { code: 'mismatch', id, orderNo, fields } };
  let outcome: Awaited<ReturnType<typeof adoptOrder>>;
  if (rec.unclaimedOrderNo !== undefined) {
    outcome = await adoptUnclaimed(ctx, rec, orderNo);
  } else {
    const candidates = brokerCandidates(ctx, rec, lists, now).candidates.map((c) => c.orderNo);
    if (!candidates.includes(orderNo)) {
      return { kind: 'refused', refusal: { code: 'not-a-request', orderNo } };
    }
    outcome = await adoptOrder(ctx, rec, orderNo, lists.executions);
  }
  if (outcome.kind === 'unclaimed') {
    return { kind: 'refused', refusal: { code: 'claimed-meanwhile', orderNo } };
  }
  if (outcome.kind !== 'placed') {
    return { kind: 'refused', refusal: { code: 'changed-meanwhile', id, outcome: outcome.kind } };
  }
  const after = (await ctx.ledger.get(id)) ?? rec;
  ctx.logger?.warn({ recordId: id, orderNo }, 'ledger record settled by hand: order adopted');
  await ctx.emit({ type: 'resolved', ...eventBase(rec, id), resolution: 'adopted', orderNo });
  return { kind: 'done', record: after, resolution: 'adopted', orderNo };
}

/**
 * A person asserts that an `unknown` record's request never became an order. Refused when the record holds an order
 * number (it did), its request could still arrive (settle time), or the broker lists a candidate order for it.
 * Without `confirm`, says what would happen. With it: the record goes back to `queued` (send time cleared; its round
 * or the leg's last round is sent again) and, when its plan is the active one and the kill switch is not thrown,
 * gets its place job back; otherwise the next start of the engine (recoverLedger, requeuePlan) or /resume does it.
 */
export async function resolveNotPlaced(
  ctx: OrderContext,
  id: string,
  confirm: boolean,
  now: number = Date.now(),
): Promise<ResolveResult> {
  const rec = await ctx.ledger.get(id);
  if (rec === undefined) return { kind: 'refused', refusal: { code: 'no-record', id, accountId: ctx.accountId } };
  if (rec.state !== 'unknown') return { kind: 'refused', refusal: { code: 'not-unknown', id, state: rec.state } };
  const held = rec.unclaimedOrderNo ?? rec.orderNo ?? rec.orderNos[0];
  if (held !== undefined || rec.filledQty > 0 || rec.pending !== undefined) {
    return { kind: 'refused', refusal: { code: 'holds-order', id, ...(held !== undefined ? { held } : {}) } };
  }
  const earlier = earlierOrderDay(rec, now);
  if (earlier === undefined) {
    const settleFrom = Math.max(rec.sentAt ?? rec.updatedAt, rec.unknownAt ?? 0);
    if (now - settleFrom < ctx.settings.settleMs) {
      const retryInS = Math.ceil((settleFrom + ctx.settings.settleMs - now) / 1000);
      return { kind: 'refused', refusal: { code: 'too-early', id, retryInS } };
    }
    const { candidates } = brokerCandidates(ctx, rec, await readBrokerLists(ctx), now);
    if (candidates.length > 0) {
      return { kind: 'refused', refusal: { code: 'has-candidates', id, candidates } };
    }
  }
  if (!confirm) return { kind: 'confirm', record: rec };
  const t = await ctx.ledger.transitionWith(id, ['unknown'], (cur) => {
    if (cur.sentAt !== rec.sentAt || cur.orderNos.length > 0 || cur.unclaimedOrderNo !== undefined) return cur;
    const { sentAt: _s, unknownAt: _u, ...rest } = cur;
    return { ...rest, state: 'queued', qty: 0, price: 0, note: { code: 'settled-not-placed' } };
  });
  if (!t.ok || t.record.state !== 'queued') {
    return { kind: 'refused', refusal: { code: 'changed-meanwhile', id } };
  }
  ctx.logger?.warn({ recordId: id }, 'ledger record settled by hand: not placed, queued again');
  await ctx.emit({ type: 'resolved', ...eventBase(rec, id), resolution: 'not-placed' });
  const active = await ctx.plans.getActive();
  const requeued =
    active?.id === rec.planId && active.status === 'active' && !(await ctx.halt.isSet())
      ? await ensurePlaceJob(ctx, t.record)
      : false;
  return { kind: 'done', record: t.record, resolution: 'not-placed', requeued };
}

/** Why a record cannot be adopted by hand, or undefined. */
function notSettleable(rec: LedgerRecord, now: number): ResolveRefusal | undefined {
  const id = rec.id ?? recordId(rec);
  if (rec.state !== 'unknown') return { code: 'not-unknown', id, state: rec.state };
  const day = earlierOrderDay(rec, now);
  if (day !== undefined) return { code: 'earlier-day', id, day };
  return undefined;
}

function describeOrder(orderNo: string, lists: BrokerLists): BrokerCandidate | undefined {
  const open = lists.openOrders.find((o) => o.orderNo === orderNo);
  const executed = lists.executions.filter((e) => e.orderNo === orderNo);
  const filledQty = Math.max(0, ...executed.map((e) => e.filledQty));
  if (open !== undefined) {
    return { orderNo, source: 'open', qty: open.orderQty, price: open.price, time: open.time, filledQty };
  }
  const e = executed[0];
  if (e === undefined) return undefined;
  return { orderNo, source: 'executed', qty: e.orderQty, price: e.orderPrice, time: e.time, filledQty };
}

interface OrderRow {
  readonly orderNo: string;
  readonly code: string;
  readonly side: string;
  readonly qty: number;
}

function openAsRow(o: OpenOrder): OrderRow {
  return { orderNo: o.orderNo, code: o.code, side: o.side, qty: o.orderQty };
}

function executionAsRow(e: Execution): OrderRow {
  return { orderNo: e.orderNo, code: e.code, side: e.side, qty: e.orderQty };
}

function eventBase(rec: LedgerRecord, id: string) {
  return { planId: rec.planId, recordId: id, side: rec.side, code: rec.code, round: rec.round };
}
