import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, type Job, RateLimitError, UnrecoverableError } from 'bullmq';
import { AuthError, BrokerError, BusinessRejectionError, RateLimitedError } from '../src/broker/errors/index.ts';
import { cancelsAwaitingConfirmation } from '../src/domain/cancelsAwaitingConfirmation.ts';
import { earlierRoundsQueued } from '../src/domain/earlierRoundsQueued.ts';
import { entryLimitPrice } from '../src/domain/entryLimitPrice.ts';
import { FINAL_STATES, type LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { MarketQuote } from '../src/domain/MarketQuote.ts';
import { legPlacedQty, roundSendQty } from '../src/domain/remainingLegQty.ts';
import { isOnTick } from '../src/domain/ticks.ts';
import { attachAcceptedOrder } from './attachAcceptedOrder.ts';
import { brokerClockWait } from './brokerClock.ts';
import { brokerAnswered, delayForBroker, isBrokerTrouble } from './brokerDelay.ts';
import { marketSessionWait } from './marketSessionGate.ts';
import type { OrderContext, OrderJobData, OrderJobResult } from './OrderContext.ts';
import { planTakesOrders } from './planTakesOrders.ts';
import {
  claimOrKeep,
  clearPending,
  ensureFollowUp,
  markCancelAcknowledged,
  reconcilePending,
  reconcileRecord,
  recordAmendment,
} from './reconcile.ts';

/**
 * The order worker's processor: one job = at most one order request (place, amend or cancel), sent only after
 * the ledger says it may be and the spacing guard lets it out.
 *
 * Rules that keep money safe:
 * - the record is written `sending` before the request leaves (compare-and-set from `queued`: two runs of one job
 *   cannot both send);
 * - a request that may have reached the broker is never sent again blindly: `sending`/`unknown` records are
 *   reconciled first, and re-sent only when reconciliation proves the order does not exist;
 * - a broker rate-limit answer puts the job back through BullMQ's manual rate limit (no attempt is used up);
 * - the kill switch is checked right before every place and amend.
 */
export async function processOrderJob(
  ctx: OrderContext,
  job: Job<OrderJobData, OrderJobResult>,
  token: string | undefined,
): Promise<OrderJobResult> {
  const data = job.data;
  switch (data.kind) {
    case 'place':
      return place(ctx, job, token, data.recordId);
    case 'amend':
      return amend(ctx, job, token, data.recordId, data.fromOrderNo, data.price);
    case 'cancel':
      return cancel(ctx, job, token, data.recordId, data.reason, false);
    case 'market':
      return cancel(ctx, job, token, data.recordId, 'remainder goes to a market order', true);
    default:
      throw new UnrecoverableError(`unknown order job kind: ${JSON.stringify(data)}`);
  }
}

async function place(ctx: OrderContext, job: Job, token: string | undefined, id: string): Promise<OrderJobResult> {
  let rec = await mustGet(ctx, id);
  if (FINAL_STATES.has(rec.state) || rec.state === 'open' || rec.state === 'partial') {
    return { outcome: 'noop', detail: rec.state };
  }
  if (rec.state === 'sending' || rec.state === 'unknown') {
    const r = await reconcileRecord(ctx, id);
    if (r.kind === 'placed') return { outcome: 'reconciled', orderNo: r.orderNo };
    if (r.kind === 'too-early') return delayUntil(job, token, r.retryAt);
    if (r.kind === 'ambiguous') throw new UnrecoverableError(`${id}: ambiguous reconciliation; left unknown`);
    if (r.kind === 'unclaimed') return { outcome: 'unclaimed', orderNo: r.orderNo };
    if (r.kind === 'earlier-day') return { outcome: 'noop', detail: `sent on ${r.day}; left unknown` };
    if (r.kind === 'not-needed') return { outcome: 'noop', detail: r.state };
    rec = await mustGet(ctx, id);
  }
  if (await ctx.halt.isSet()) return { outcome: 'halted' };
  const planEnded = await planEndedFor(ctx, rec);
  if (planEnded !== undefined) return planEnded;
  // Outside trading hours (MARKET_SESSION) the order would be refused and the round burned: it waits instead.
  // First, so a round waiting for the open waits once, not once per interval behind an earlier round.
  const sessionWait = await marketSessionWait(ctx, rec);
  if (sessionWait !== undefined) return delayUntil(job, token, sessionWait);
  const waitFirst = await lastRoundWait(ctx, rec);
  if (waitFirst !== undefined) return delayUntil(job, token, waitFirst);
  if ((await sendQty(ctx, rec)) === 0) return skip(ctx, id);

  const type = rec.orderType ?? ctx.settings.orderType;
  let quote: MarketQuote;
  try {
    quote = await queryOrRequeue(ctx, () => ctx.broker.getQuote(rec.code));
  } catch (err) {
    // The broker is down for a while (5xx, token refused, no connection): the round waits, it does not fail.
    if (isBrokerTrouble(err)) return delayForBroker(ctx, job, rec.planId, err);
    if (!(err instanceof UnrecoverableError)) throw err;
    // The broker refused the quote itself (no such stock, not tradable): an order would be refused too.
    const reason = `quote refused: ${err.message}`;
    const t = await ctx.ledger.transition(id, ['queued'], () => ({ state: 'rejected', error: reason }));
    if (t.ok) await ctx.emit({ type: 'order-rejected', ...eventBase(rec), name: rec.name, qty: 0, reason });
    return { outcome: 'rejected', detail: reason };
  }
  await brokerAnswered(ctx, rec.planId);
  const price = type === 'limit' ? entryLimitPrice(rec.side, quote) : 0;
  // A broker clock too far from ours (measured from its answers, this quote's included) would hide a lost order
  // from reconciliation: the order waits until the clocks agree again.
  const clockWait = await brokerClockWait(ctx, rec, Date.now());
  if (clockWait !== undefined) return delayUntil(job, token, clockWait);

  // Quantity and claim under the leg's lock: the quantity depends on the leg's other records, and `sending` (which
  // counts as placed) must be written before any other round of the leg computes its own.
  const claimed = await ctx.ledger.withLegLock(rec.planId, rec.side, rec.code, async () => {
    const cur = await mustGet(ctx, id);
    if (cur.state !== 'queued') return { outcome: 'noop', detail: cur.state } as const;
    const waitUntil = await lastRoundWait(ctx, cur);
    if (waitUntil !== undefined) return { waitUntil };
    const qty = await sendQty(ctx, cur);
    if (qty === 0) return skip(ctx, id);
    const value = qty * (price > 0 ? price : valuePrice(cur, quote));
    if (value > ctx.settings.maxOrderValue) return rejectOverCap(ctx, cur, qty, price, value);
    const sentAt = Date.now();
    const t = await ctx.ledger.transition(id, ['queued'], () => ({ state: 'sending', qty, price, sentAt }));
    if (!t.ok) return { outcome: 'noop', detail: t.record?.state ?? 'missing' } as const;
    return { qty, sentAt };
  });
  if ('outcome' in claimed) return claimed;
  if ('waitUntil' in claimed) return delayUntil(job, token, claimed.waitUntil);
  const { qty } = claimed;

  // The spacing guard, then the kill switch, right before the request leaves. Not sent: back to `queued`.
  const wait = await acquireSpacing(ctx);
  const halted = wait === 'granted' && (await ctx.halt.isSet());
  if (wait !== 'granted' || halted) {
    await unsend(ctx, id);
    if (halted) return { outcome: 'halted' };
    return requeueForRate(ctx, wait === 'granted' ? 1 : wait.requeueMs);
  }
  // Restamp the send time, and make sure the claim is still ours: a reconciliation elsewhere (another process's
  // start-up recovery) may have taken the record back meanwhile; then this request must not leave.
  const sentAt = Date.now();
  const stillOurs = await ctx.ledger.update(id, (cur) =>
    cur.state === 'sending' && cur.sentAt === claimed.sentAt ? { ...cur, sentAt } : undefined,
  );
  if (stillOurs === undefined || !stillOurs.changed) return { outcome: 'noop', detail: 'claim taken over' };

  try {
    const ack = await sendingRequest(ctx, () =>
      ctx.broker.placeOrder({ side: rec.side, code: rec.code, qty, type, ...(type === 'limit' ? { price } : {}) }),
    );
    // The order exists at the broker now: whatever the ledger says, its number is kept (claimOrKeep).
    const t = await claimOrKeep(ctx, id, () =>
      ctx.ledger.transitionWith(id, ['sending'], (cur) => {
        const { error: _e, ...rest } = cur;
        return {
          ...rest,
          state: 'open',
          orderNo: ack.orderNo,
          orderNos: [...cur.orderNos, ack.orderNo],
          lastPlacedAt: sentAt,
        };
      }),
    );
    if (t === undefined) return { outcome: 'unclaimed', orderNo: ack.orderNo };
    // The broker holds this order but the record no longer waits for it (the ledger lost writes, or it was
    // reconciled elsewhere): the order is attached to it, never dropped, and the round is never sent again.
    if (!t.ok) await attachAcceptedOrder(ctx, id, { orderNo: ack.orderNo, qty, price, sentAt });
    await ctx.emit({ type: 'order-placed', ...eventBase(rec), name: rec.name, qty, price, orderNo: ack.orderNo });
    return { outcome: 'placed', orderNo: ack.orderNo };
  } catch (err) {
    if (err instanceof RateLimitedError || err instanceof AuthError) {
      // Not processed by the broker: the record may be sent again.
      await unsend(ctx, id);
      // The queue waits as long as the broker asked (the client refuses to hold an order longer, see preSendWait).
      if (err instanceof RateLimitedError) return requeueForRate(ctx, rateWaitMs(ctx, err));
      return delayForBroker(ctx, job, rec.planId, err);
    }
    if (err instanceof BusinessRejectionError) {
      const reason = err.message;
      await ctx.ledger.transition(id, ['sending'], () => ({ state: 'rejected', error: reason }));
      await ctx.emit({ type: 'order-rejected', ...eventBase(rec), name: rec.name, qty, reason });
      return { outcome: 'rejected', detail: reason };
    }
    // Timeout, lost connection, or anything unexpected after `sending` was written: it may have been placed. The
    // client may have sent later than `sentAt` (token renewal, its own pause, a re-send after a refused token), so
    // the settle time counts from now, when the call gave up (see LedgerRecord.unknownAt).
    const reason = err instanceof Error ? err.message : String(err);
    const unknownAt = Date.now();
    await ctx.ledger.update(id, (cur) =>
      cur.state === 'sending' && cur.sentAt === sentAt
        ? { ...cur, state: 'unknown', error: reason, unknownAt }
        : undefined,
    );
    await ctx.emit({ type: 'order-unknown', ...eventBase(rec), qty, reason });
    return delayUntilSettled(ctx, job, token, unknownAt);
  }
}

async function amend(
  ctx: OrderContext,
  job: Job,
  token: string | undefined,
  id: string,
  fromOrderNo: string,
  price: number,
): Promise<OrderJobResult> {
  const rec = await withPendingSettled(ctx, job, token, id);
  if ((rec.state !== 'open' && rec.state !== 'partial') || rec.orderNo !== fromOrderNo) {
    return { outcome: 'noop', detail: `record is ${rec.state} with order ${rec.orderNo ?? '-'}` };
  }
  if (!isOnTick(price)) throw new UnrecoverableError(`${id}: amend price ${price} is not on the tick grid`);
  if (await ctx.halt.isSet()) return { outcome: 'halted' };
  const open = (await queryOrRequeue(ctx, () => ctx.broker.getOpenOrders())).find((o) => o.orderNo === fromOrderNo);
  if (open === undefined || open.unfilledQty <= 0) return { outcome: 'noop', detail: 'order no longer open' };
  if (open.price === price) return { outcome: 'noop', detail: 'already at that price' };

  const wait = await acquireSpacing(ctx);
  if (wait !== 'granted') return requeueForRate(ctx, wait.requeueMs);
  if (await ctx.halt.isSet()) return { outcome: 'halted' };
  const at = Date.now();
  const marked = await ctx.ledger.update(id, (cur) =>
    (cur.state === 'open' || cur.state === 'partial') && cur.orderNo === fromOrderNo && cur.pending === undefined
      ? {
          ...cur,
          pending: { kind: 'amend', at, fromOrderNo, fromPrice: cur.price, toPrice: price, qty: open.unfilledQty },
        }
      : undefined,
  );
  if (marked === undefined || !marked.changed) return { outcome: 'noop', detail: 'record changed' };

  try {
    const ack = await sendingRequest(ctx, () =>
      ctx.broker.amendOrder({ orderNo: fromOrderNo, code: rec.code, qty: open.unfilledQty, price }),
    );
    const recorded = await recordAmendment(ctx, id, { fromOrderNo, toOrderNo: ack.orderNo, at });
    const kept = recorded === undefined ? (await ctx.ledger.get(id))?.unclaimedOrderNo : undefined;
    if (kept === ack.orderNo) return { outcome: 'unclaimed', orderNo: ack.orderNo };
    return { outcome: 'amended', orderNo: ack.orderNo };
  } catch (err) {
    if (err instanceof RateLimitedError || err instanceof AuthError || err instanceof BusinessRejectionError) {
      if (err instanceof BusinessRejectionError) await recordRefusedAmend(ctx, id, at, price, err.message);
      else await clearPending(ctx, id);
      if (err instanceof RateLimitedError) return requeueForRate(ctx, ctx.settings.orderIntervalMs);
      if (err instanceof AuthError) throw err;
      await ctx.emit({
        type: 'error',
        planId: rec.planId,
        message: `amend of ${rec.code} ${fromOrderNo} refused: ${err.message}`,
      });
      return { outcome: 'rejected', detail: err.message };
    }
    const reason = err instanceof Error ? err.message : String(err);
    const unknownAt = await markPendingUnknown(ctx, id, at);
    await ctx.emit({ type: 'order-unknown', ...eventBase(rec), qty: open.unfilledQty, reason: `amend: ${reason}` });
    return delayUntilSettled(ctx, job, token, unknownAt);
  }
}

/**
 * An amendment the broker refused (a buy beyond the orderable cash, a price it will not take): the pending mark let
 * out at `at` is cleared and the refusal is recorded as an amend attempt (AmendCheck.refused), which restarts the amend
 * clock. Not counting it would have the poll ask for the same refused amendment at every poll, and MAX_AMENDS and the
 * AMEND_POLICY would never be reached.
 */
async function recordRefusedAmend(ctx: OrderContext, id: string, at: number, price: number, why: string) {
  const now = Date.now();
  await ctx.ledger.update(id, (cur) => {
    if (cur.pending?.kind !== 'amend' || cur.pending.at !== at) return undefined;
    const { pending: _p, ...rest } = cur;
    return { ...rest, amendChecks: [...(cur.amendChecks ?? []), { at: now, price, refused: why }] };
  });
}

/** Cancel (or, with `toMarket`, cancel and re-send the rest as a market order). Allowed under the kill switch. */
async function cancel(
  ctx: OrderContext,
  job: Job,
  token: string | undefined,
  id: string,
  reason: string,
  toMarket: boolean,
): Promise<OrderJobResult> {
  const rec = await withPendingSettled(ctx, job, token, id);
  if (FINAL_STATES.has(rec.state)) {
    if (toMarket && (await ensureFollowUp(ctx, rec)) !== undefined) return { outcome: 'followed-up' };
    return { outcome: 'noop', detail: rec.state };
  }
  if (rec.state !== 'open' && rec.state !== 'partial') return { outcome: 'noop', detail: rec.state };
  if (toMarket && (await ctx.halt.isSet())) return { outcome: 'halted' };
  const orderNo = rec.orderNo;
  if (orderNo === undefined) return { outcome: 'noop', detail: 'no order number' };

  const wait = await acquireSpacing(ctx);
  if (wait !== 'granted') return requeueForRate(ctx, wait.requeueMs);
  const at = Date.now();
  const marked = await ctx.ledger.update(id, (cur) =>
    (cur.state === 'open' || cur.state === 'partial') && cur.orderNo === orderNo && cur.pending === undefined
      ? {
          ...cur,
          cancelReason: reason,
          ...(toMarket ? { followUp: 'market' as const } : {}),
          pending: { kind: 'cancel', at, fromOrderNo: orderNo, fromPrice: cur.price, qty: cur.qty - cur.filledQty },
        }
      : undefined,
  );
  if (marked === undefined || !marked.changed) return { outcome: 'noop', detail: 'record changed' };

  try {
    await sendingRequest(ctx, () => ctx.broker.cancelOrder({ orderNo, code: rec.code, qty: 0 }));
    await brokerAnswered(ctx, rec.planId);
  } catch (err) {
    if (err instanceof RateLimitedError || err instanceof AuthError) {
      await clearPending(ctx, id);
      if (err instanceof RateLimitedError) return requeueForRate(ctx, ctx.settings.orderIntervalMs);
      // Token refused: not processed. A delay, as for a place job: failing would use up the job's attempts within
      // seconds, and a kill-switch cancel is queued once (nothing asks again while halted), so the order would stay
      // open at the broker.
      return delayForBroker(ctx, job, rec.planId, err);
    }
    if (!(err instanceof BusinessRejectionError)) {
      const why = err instanceof Error ? err.message : String(err);
      const unknownAt = await markPendingUnknown(ctx, id, at);
      await ctx.emit({
        type: 'order-unknown',
        ...eventBase(rec),
        qty: rec.qty - rec.filledQty,
        reason: `cancel: ${why}`,
      });
      return delayUntilSettled(ctx, job, token, unknownAt);
    }
    // Refused: most often the order filled (or was cancelled) just before. The open list says which.
    const stillOpen = (await ctx.broker.getOpenOrders()).some((o) => o.orderNo === orderNo);
    if (stillOpen) {
      await clearPending(ctx, id);
      await ctx.emit({
        type: 'error',
        planId: rec.planId,
        message: `cancel of ${rec.code} ${orderNo} refused: ${err.message}`,
      });
      return { outcome: 'rejected', detail: err.message };
    }
  }
  // Acknowledged (or refused because the order is no longer open). An acknowledged cancel has not necessarily taken
  // effect: shares can fill until the exchange processes it, and the executed list can lag. The record stays live
  // at its full quantity until the lists confirm it (reconcilePending); the job comes back until they do.
  await markCancelAcknowledged(ctx, id, at, Date.now());
  const r = await reconcilePending(ctx, id);
  if (r.kind === 'too-early') return delayUntil(job, token, r.retryAt);
  const after = await mustGet(ctx, id);
  if (after.state !== 'cancelled' && after.state !== 'filled') return { outcome: 'noop', detail: after.state };
  return { outcome: 'cancelled', ...(after.orderNo !== undefined ? { orderNo: after.orderNo } : {}) };
}

/**
 * For a leg's last round: when to look again while an earlier round of its leg is still to be sent
 * (earlierRoundsQueued) or another record of the leg waits for its cancel to be confirmed
 * (cancelsAwaitingConfirmation); undefined when it may be sized now. Other rounds never send more than planned, so
 * they need not wait.
 */
async function lastRoundWait(ctx: OrderContext, rec: LedgerRecord): Promise<number | undefined> {
  if (!rec.isLastRound) return undefined;
  const others = (await ctx.ledger.listLeg(rec.planId, rec.side, rec.code)).filter((r) => r.id !== rec.id);
  const now = Date.now();
  // An earlier round still to be sent goes first: it comes back through the queue (or the poll restores its job).
  if (earlierRoundsQueued(rec, others)) return now + Math.max(ctx.settings.orderIntervalMs, 1);
  return cancelsAwaitingConfirmation(others, now, ctx.settings.settleMs);
}

/** Shares this record sends now (see roundSendQty), from the leg total and what the leg's other records placed. */
export async function sendQty(ctx: OrderContext, rec: LedgerRecord): Promise<number> {
  const leg = (await ctx.plans.getLegs(rec.planId, rec.side)).find((l) => l.code === rec.code);
  if (leg === undefined) throw new UnrecoverableError(`no ${rec.side} leg ${rec.code} stored for plan ${rec.planId}`);
  const others = (await ctx.ledger.listLeg(rec.planId, rec.side, rec.code)).filter((r) => r.id !== rec.id);
  return roundSendQty({
    legTotal: leg.qty,
    placedByOthers: legPlacedQty(others),
    plannedQty: rec.plannedQty,
    isLastRound: rec.isLastRound,
  });
}

/**
 * Waits for the spacing guard. Short waits are slept here (the quote just fetched stays fresh); for a long one the
 * caller puts the job back through BullMQ's manual rate limit, which does not use up an attempt.
 */
async function acquireSpacing(ctx: OrderContext): Promise<'granted' | { readonly requeueMs: number }> {
  if (ctx.settings.spacingGuard === false) return 'granted';
  const maxInline = ctx.settings.maxInlineWaitMs ?? Math.min(ctx.settings.orderIntervalMs * 2, 30_000);
  for (;;) {
    const answer = await ctx.guard.tryAcquire();
    if (answer.granted) return 'granted';
    if (answer.waitMs > maxInline) return { requeueMs: answer.waitMs };
    await sleep(answer.waitMs);
  }
}

/**
 * Notes on the record's pending amend/cancel (the one let out at `at`) when its call ended without an answer: the
 * client may have sent it well after `at`, so its settle time counts from now (PendingRequest.unknownAt). Returns now.
 */
async function markPendingUnknown(ctx: OrderContext, id: string, at: number): Promise<number> {
  const unknownAt = Date.now();
  await ctx.ledger.update(id, (cur) =>
    cur.pending?.at === at ? { ...cur, pending: { ...cur.pending, unknownAt } } : undefined,
  );
  return unknownAt;
}

/** A claimed record whose request did not leave (or was refused unprocessed) goes back to `queued`. */
async function unsend(ctx: OrderContext, id: string): Promise<void> {
  await ctx.ledger.transitionWith(id, ['sending'], (cur) => {
    const { sentAt: _s, ...rest } = cur;
    return { ...rest, state: 'queued', qty: 0, price: 0 };
  });
}

/** The safety cap: an order worth more than MAX_ORDER_VALUE is rejected in the ledger instead of being sent. */
async function rejectOverCap(
  ctx: OrderContext,
  rec: LedgerRecord,
  qty: number,
  price: number,
  value: number,
): Promise<OrderJobResult> {
  const reason = `order value ${value} won exceeds MAX_ORDER_VALUE ${ctx.settings.maxOrderValue}; not sent`;
  const id = rec.id ?? '';
  const t = await ctx.ledger.transition(id, ['queued'], () => ({ state: 'rejected', qty, price, error: reason }));
  if (t.ok) {
    await ctx.emit({ type: 'order-rejected', ...eventBase(rec), name: rec.name, qty, reason });
    await ctx.emit({ type: 'error', planId: rec.planId, message: `${rec.code}: ${reason}` });
  }
  return { outcome: 'rejected', detail: reason };
}

/**
 * Sends one order request under the spacing guard's stamp: stamped right before it leaves and again when its
 * answer (or error) is back. The request reached the broker before its answer came back, so counting the next
 * interval from the answer makes "never closer than the interval at the broker" hold whatever the network's delays,
 * at the cost of one round trip per order.
 */
async function sendingRequest<T>(ctx: OrderContext, request: () => Promise<T>): Promise<T> {
  if (ctx.settings.spacingGuard === false) return request();
  await ctx.guard.markSent();
  if (ctx.settings.spacingStamp === 'send') return request();
  try {
    return await request();
  } finally {
    await ctx.guard.markSent();
  }
}

/** How long the queue pauses after a rate-limit answer to an order: the broker's Retry-After, at least the interval. */
function rateWaitMs(ctx: OrderContext, err: RateLimitedError): number {
  return Math.max(ctx.settings.orderIntervalMs, err.retryAfterMs ?? 0);
}

/** BullMQ's manual rate limit: the queue pauses for `ms` and the job goes back to the head of the wait list. */
async function requeueForRate(ctx: OrderContext, ms: number): Promise<never> {
  await ctx.queue.rateLimit(Math.max(1, Math.round(ms)));
  throw new RateLimitError();
}

/** A broker query; a rate-limit answer re-queues the job without using an attempt, anything else propagates. */
async function queryOrRequeue<T>(ctx: OrderContext, q: () => Promise<T>): Promise<T> {
  try {
    return await q();
  } catch (err) {
    if (err instanceof RateLimitedError) return requeueForRate(ctx, ctx.settings.orderIntervalMs);
    if (err instanceof BrokerError && !err.retryable) throw new UnrecoverableError(err.message);
    throw err;
  }
}

/**
 * The record, once an amend or cancel an earlier run left in flight (`pending`) is settled; while its outcome cannot
 * be known yet, the job waits (delayed) instead, so a second request never goes out on top of the first.
 */
async function withPendingSettled(
  ctx: OrderContext,
  job: Job,
  token: string | undefined,
  id: string,
): Promise<LedgerRecord> {
  const rec = await mustGet(ctx, id);
  if (rec.pending === undefined) return rec;
  const r = await reconcilePending(ctx, id);
  if (r.kind === 'too-early') return delayUntil(job, token, r.retryAt);
  return mustGet(ctx, id);
}

/** A request whose call ended without an answer at `unknownAt`: the job comes back when reconciliation can tell. */
function delayUntilSettled(ctx: OrderContext, job: Job, token: string | undefined, unknownAt: number): Promise<never> {
  return delayUntil(job, token, unknownAt + Math.max(ctx.settings.settleMs, 1));
}

/** Moves the running job to the delayed set until `at` without using up an attempt. */
async function delayUntil(job: Job, token: string | undefined, at: number): Promise<never> {
  await job.moveToDelayed(Math.max(at, Date.now() + 1), token);
  throw new DelayedError();
}

/**
 * A round of a plan that no longer takes orders (done, cancelled, gone) is not sent: the record is closed `skipped`
 * with the reason, so the ledger says it never went out. A halted plan's round stays `queued` (resume gives it its
 * job back). Undefined when the plan takes orders. @see planTakesOrders
 */
async function planEndedFor(ctx: OrderContext, rec: LedgerRecord): Promise<OrderJobResult | undefined> {
  const status = (await ctx.plans.get(rec.planId))?.status;
  if (status === 'halted') return { outcome: 'halted' };
  if (planTakesOrders(status)) return undefined;
  const reason = `plan ${rec.planId} is ${status ?? 'gone'}: not sent`;
  const t = await ctx.ledger.transition(rec.id ?? '', ['queued'], () => ({ state: 'skipped', qty: 0, error: reason }));
  if (t.ok) ctx.logger?.info({ recordId: rec.id, status }, 'round of a plan that takes no more orders: skipped');
  return { outcome: 'skipped', detail: reason };
}

async function skip(ctx: OrderContext, id: string): Promise<OrderJobResult> {
  await ctx.ledger.transition(id, ['queued'], () => ({ state: 'skipped', qty: 0 }));
  return { outcome: 'skipped', detail: 'nothing left to place in this leg' };
}

async function mustGet(ctx: OrderContext, id: string): Promise<LedgerRecord> {
  const rec = await ctx.ledger.get(id);
  if (rec === undefined) throw new UnrecoverableError(`no ledger record ${id}`);
  return rec;
}

/** Price used to value a market order against the cap: what it could fill at. */
function valuePrice(rec: LedgerRecord, quote: MarketQuote): number {
  if (rec.side === 'buy') return Math.max(quote.bestAsk, quote.price);
  return quote.price;
}

function eventBase(rec: LedgerRecord) {
  return { planId: rec.planId, side: rec.side, code: rec.code, round: rec.round };
}
