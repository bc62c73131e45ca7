import { cancelSettlement } from '../src/domain/cancelSettlement.ts';
import type { Execution } from '../src/domain/Execution.ts';
import { FINAL_STATES, type LedgerRecord, type LedgerState } from '../src/domain/LedgerRecord.ts';
import { matchUnknownOrder } from '../src/domain/matchUnknownOrder.ts';
import type { OpenOrder } from '../src/domain/OpenOrder.ts';
import { OrderNoConflictError } from '../src/store/errors/OrderNoConflictError.ts';
import { orderJobId, orderNoDay, recordId } from '../src/store/keys.ts';
import { matchWindow } from './brokerClock.ts';
import { ensureOrderJob, type OrderContext } from './OrderContext.ts';

/**
 * Reconciliation: settling what the ledger does not know against the broker's own lists, before anything is sent
 * again. Kiwoom has no client order id, so a request whose answer was lost can only be found by looking.
 * @see ../shared/reference/kiwoom-rest.md "Orders" ("There is no client order id")
 */

/** What reconcileRecord found out about a `sending`/`unknown` record. */
export type ReconcileOutcome =
  /** The order exists at the broker; the record is now `open` with its number. */
  | { readonly kind: 'placed'; readonly orderNo: string }
  /** It does not, and the request can no longer arrive: the record is `queued` again and may be sent. */
  | { readonly kind: 'not-placed' }
  /** Two or more orders fit: nothing is guessed; the record stays `unknown` for a person to resolve. */
  | { readonly kind: 'ambiguous'; readonly orderNos: readonly string[] }
  /**
   * The broker accepted the record's request as `orderNo`, but another record owns that number today: the record
   * stays `unknown` (never re-sent) for a person to resolve (see keepUnclaimedOrder).
   */
  | { readonly kind: 'unclaimed'; readonly orderNo: string }
  /**
   * Sent on an earlier KST day (`day`): today's broker lists cannot tell what became of it, so nothing is matched or
   * re-sent; the record stays `unknown` for a person (see parkEarlierDay).
   */
  | { readonly kind: 'earlier-day'; readonly day: string }
  /** Not found yet, but the request could still arrive: ask again at `retryAt`. */
  | { readonly kind: 'too-early'; readonly retryAt: number }
  /** The record is not waiting for reconciliation. */
  | { readonly kind: 'not-needed'; readonly state: LedgerState };

/** What reconcilePending found out about an amend or cancel whose outcome was unknown. */
export type PendingOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'done' }
  | { readonly kind: 'not-done' }
  | { readonly kind: 'too-early'; readonly retryAt: number };

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
      message: `${rec.side} ${rec.code} round ${rec.round}: ${match.orderNos.length} broker orders fit the lost request (${match.orderNos.join(', ')}); left unknown, check by hand`,
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
      error: `not found at the broker ${now - sentAt} ms after sending`,
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
      const { error: _e, unknownAt: _u, ...rest } = cur;
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
    const why = p.ackAt !== undefined ? 'cancelled' : 'cancelled (confirmed after a lost answer)';
    await finishCancel(ctx, rec, executions, why);
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

/**
 * The broker's open and executed lists, THEN the order numbers claimed today and the numbers of the record's leg.
 * Read in this order so that every claim made before the lists were read is seen: read at the same time, a claim
 * read first could miss an identical round that the worker placed and claimed meanwhile, whose order the lists
 * then show, and the record would adopt another round's order. `inFlight`: another record of the leg whose request
 * is out without an answer (`sending`) may own an order the lists show but no claim names yet.
 */
export async function readListsThenClaims(
  ctx: OrderContext,
  rec: LedgerRecord,
): Promise<{
  openOrders: OpenOrder[];
  executions: Execution[];
  claimed: Set<string>;
  inFlight: LedgerRecord[];
}> {
  const [openOrders, executions] = await Promise.all([ctx.broker.getOpenOrders(), ctx.broker.getExecutions()]);
  const siblings = (await ctx.ledger.listLeg(rec.planId, rec.side, rec.code)).filter((r) => r.id !== rec.id);
  const claimed = await ctx.ledger.claimedOrderNos();
  const inFlight = siblings.filter((r) => r.state === 'sending');
  return { openOrders, executions, claimed, inFlight };
}

/** Sum of the broker's fills over a record's order numbers (the original and every amendment). */
export function fillTotalsFromExecutions(
  record: Pick<LedgerRecord, 'orderNos'>,
  executions: readonly Execution[],
): { filledQty: number; filledValue: number; commission: number; tax: number } {
  const mine = new Set(record.orderNos);
  // One entry per order number: a list can repeat an order (paging); keep its largest fill.
  const best = new Map<string, Execution>();
  for (const e of executions) {
    if (!mine.has(e.orderNo)) continue;
    const prev = best.get(e.orderNo);
    if (prev === undefined || e.filledQty > prev.filledQty) best.set(e.orderNo, e);
  }
  let filledQty = 0;
  let filledValue = 0;
  let commission = 0;
  let tax = 0;
  for (const e of best.values()) {
    filledQty += e.filledQty;
    filledValue += e.fillPrice * e.filledQty;
    commission += e.commission;
    tax += e.tax;
  }
  return { filledQty, filledValue, commission, tax };
}

/**
 * Writes a record's fill totals from the broker's executions and pushes a `fill` event when more shares filled.
 * `final` closes the record at the same time (e.g. `cancelled` after a cancel; `filled` wins when all filled).
 * Returns the record after the change, or undefined when nothing changed.
 */
export async function applyBrokerFills(
  ctx: OrderContext,
  record: LedgerRecord,
  executions: readonly Execution[],
  final?: { readonly state: 'cancelled'; readonly reason: string; readonly clearPending?: boolean },
): Promise<LedgerRecord | undefined> {
  const totals = fillTotalsFromExecutions(record, executions);
  const filledQty = Math.min(totals.filledQty, record.qty);
  const state: LedgerState | undefined =
    final === undefined ? undefined : filledQty >= record.qty ? 'filled' : final.state;
  const res = await ctx.ledger.applyFills(record.id ?? recordId(record), {
    ...totals,
    filledQty,
    ...(state !== undefined ? { state } : {}),
    ...(final !== undefined ? { cancelReason: final.reason } : {}),
    ...(final?.clearPending ? { clearPending: true } : {}),
  });
  if (res === undefined) return undefined;
  const delta = res.after.filledQty - res.before.filledQty;
  if (delta > 0) {
    const value = res.after.filledValue - res.before.filledValue;
    await ctx.emit({
      type: 'fill',
      planId: record.planId,
      side: record.side,
      code: record.code,
      name: record.name,
      round: record.round,
      orderNo: res.after.orderNo ?? '',
      qty: delta,
      price: Math.round(value / delta),
      totalFilled: res.after.filledQty,
      orderQty: res.after.qty,
    });
  }
  return res.after;
}

/**
 * Records an accepted amendment: the new order number becomes the live one (and is claimed), the price and the
 * amend clock move, the pending mark is cleared, and an `amended` event is pushed.
 */
export async function recordAmendment(
  ctx: OrderContext,
  id: string,
  a: { readonly fromOrderNo: string; readonly toOrderNo: string; readonly at: number },
): Promise<LedgerRecord | undefined> {
  const res = await claimOrKeep(ctx, id, () =>
    ctx.ledger.update(id, (cur) => {
      if (cur.orderNo !== a.fromOrderNo || cur.orderNos.includes(a.toOrderNo)) return undefined;
      const p = cur.pending;
      const toPrice = p?.toPrice ?? cur.price;
      const qty = p?.qty ?? cur.qty - cur.filledQty;
      const { pending: _p, ...rest } = cur;
      return {
        ...rest,
        orderNo: a.toOrderNo,
        orderNos: [...cur.orderNos, a.toOrderNo],
        price: toPrice,
        lastPlacedAt: a.at,
        amendments: [
          ...cur.amendments,
          { at: a.at, fromOrderNo: a.fromOrderNo, toOrderNo: a.toOrderNo, fromPrice: cur.price, toPrice, qty },
        ],
      };
    }),
  );
  if (res === undefined || !res.changed) return undefined;
  const r = res.after;
  const last = r.amendments[r.amendments.length - 1];
  await ctx.emit({
    type: 'amended',
    planId: r.planId,
    side: r.side,
    code: r.code,
    name: r.name,
    round: r.round,
    fromOrderNo: a.fromOrderNo,
    toOrderNo: a.toOrderNo,
    fromPrice: last?.fromPrice ?? 0,
    toPrice: last?.toPrice ?? r.price,
    qty: last?.qty ?? 0,
    amendCount: r.amendments.length,
  });
  return r;
}

/**
 * Closes a record whose order was cancelled (or vanished from the open list): fills from the executions, then
 * `cancelled` (or `filled` if everything filled first), a `cancelled` event for the part that did not fill, and the
 * follow-up market order when the record asked for one.
 */
export async function finishCancel(
  ctx: OrderContext,
  rec: LedgerRecord,
  executions: readonly Execution[],
  reason: string,
): Promise<LedgerRecord | undefined> {
  const id = rec.id ?? recordId(rec);
  await applyBrokerFills(ctx, rec, executions, {
    state: 'cancelled',
    reason: rec.cancelReason ?? reason,
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
      reason: after.cancelReason ?? reason,
    });
  }
  if (after.followUp === 'market') await ensureFollowUp(ctx, after);
  return after;
}

/**
 * For a cancelled record that asked for it (AMEND_POLICY=market): a follow-up record (`-m{seq}`) for the unfilled
 * rest as a market order, queued with its place job. Idempotent: the follow-up is created once.
 */
export async function ensureFollowUp(ctx: OrderContext, rec: LedgerRecord): Promise<string | undefined> {
  if (rec.followUp !== 'market' || rec.state !== 'cancelled') return undefined;
  const rest = rec.qty - rec.filledQty;
  if (rest <= 0) return undefined;
  const seq = (rec.seq ?? 0) + 1;
  const created = await ctx.ledger.create({
    planId: rec.planId,
    side: rec.side,
    code: rec.code,
    name: rec.name,
    round: rec.round,
    seq,
    isLastRound: false,
    plannedQty: rest,
    orderType: 'market',
    order: Date.now(),
  });
  const id = created.record.id ?? recordId(created.record);
  // No priority: like the market job that asked for it, it goes before the rounds still waiting.
  if (created.record.state === 'queued')
    await ensureOrderJob(ctx, orderJobId('place', id), { kind: 'place', recordId: id });
  return id;
}

/** Removes a record's pending mark (the amend or cancel is settled one way or the other). */
export async function clearPending(ctx: OrderContext, id: string): Promise<void> {
  await ctx.ledger.update(id, (cur) => {
    if (cur.pending === undefined) return undefined;
    const { pending: _p, ...rest } = cur;
    return rest;
  });
}

/**
 * The KST day (`YYYYMMDD`) of a record's latest request at the broker (placement, amendment, or one in flight) when
 * that is before the day of `now`; undefined for today's records and records never sent. The broker's open and
 * executed lists hold today's orders only, and order numbers restart every day: a number of an earlier day in
 * today's lists is another order, and an earlier day's order is not in them at all.
 */
export function earlierOrderDay(
  rec: Pick<LedgerRecord, 'lastPlacedAt' | 'sentAt' | 'pending'>,
  now: number,
): string | undefined {
  const times = [rec.lastPlacedAt, rec.sentAt, rec.pending?.at].filter((t): t is number => t !== undefined);
  if (times.length === 0) return undefined;
  const day = orderNoDay(Math.max(...times));
  return day < orderNoDay(now) ? day : undefined;
}

/**
 * A record still at the broker (open, partial, in flight or unknown) from an earlier KST day: today's lists cannot
 * settle it (its fills after the last poll of that day, a lost answer), and guessing could double an order or count
 * another order's fills. It becomes `unknown` with an `error` event, once, and is left for a person. Returns true
 * when this call parked it.
 */
export async function parkEarlierDay(ctx: OrderContext, rec: LedgerRecord, day: string): Promise<boolean> {
  const id = rec.id ?? recordId(rec);
  const why = `sent on ${day} (KST) and not settled that day: today's broker lists cannot tell what became of it`;
  const res = await ctx.ledger.update(id, (cur) =>
    FINAL_STATES.has(cur.state) || (cur.state === 'unknown' && cur.error === why)
      ? undefined
      : { ...cur, state: 'unknown', error: why },
  );
  if (res === undefined || !res.changed) return false;
  ctx.logger?.error({ recordId: id, day }, 'record of an earlier day left unknown');
  await ctx.emit({
    type: 'error',
    planId: rec.planId,
    message: `${rec.side} ${rec.code} round ${rec.round}: ${why}; left unknown, check its fills by hand`,
  });
  return true;
}

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
  const why = `the broker accepted order ${conflict.orderNo}, but record ${conflict.ownerId} owns that number today`;
  const res = await ctx.ledger.update(id, (cur) => ({
    ...cur,
    ...(FINAL_STATES.has(cur.state) ? {} : { state: 'unknown' as const }),
    unclaimedOrderNo: conflict.orderNo,
    error: why,
  }));
  const rec = res?.after;
  ctx.logger?.error(
    { recordId: id, orderNo: conflict.orderNo, owner: conflict.ownerId },
    'order number owned by another record',
  );
  await ctx.emit({
    type: 'error',
    ...(rec !== undefined ? { planId: rec.planId } : {}),
    message: `${rec === undefined ? id : `${rec.side} ${rec.code} round ${rec.round}`}: ${why}; left unknown and not sent again, check it by hand`,
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
      const { unclaimedOrderNo: _u, error: _e, pending: p, ...rest } = cur;
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
  await ctx.emit({
    type: 'order-reconciled',
    planId: after.planId,
    side: after.side,
    code: after.code,
    round: after.round,
    found: true,
    orderNo,
  });
  await applyBrokerFills(ctx, after, await ctx.broker.getExecutions());
  return { kind: 'placed', orderNo };
}

function executionAsOrder(e: Execution): Pick<OpenOrder, 'orderNo' | 'origOrderNo' | 'code' | 'price'> {
  return {
    orderNo: e.orderNo,
    code: e.code,
    price: e.orderPrice,
    ...(e.origOrderNo !== undefined ? { origOrderNo: e.origOrderNo } : {}),
  };
}
