import { type Job, UnrecoverableError } from 'bullmq';
import { AuthError } from '../src/broker/errors/AuthError.ts';
import { BusinessRejectionError } from '../src/broker/errors/BusinessRejectionError.ts';
import { RateLimitedError } from '../src/broker/errors/RateLimitedError.ts';
import { cancelsAwaitingConfirmation } from '../src/domain/cancelsAwaitingConfirmation.ts';
import { earlierRoundsQueued } from '../src/domain/earlierRoundsQueued.ts';
import { entryLimitPrice } from '../src/domain/entryLimitPrice.ts';
import { FINAL_STATES, type LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { MarketQuote } from '../src/domain/MarketQuote.ts';
import { attachAcceptedOrder } from './attachAcceptedOrder.ts';
import { brokerClockWait } from './brokerClock.ts';
import { brokerAnswered, delayForBroker, isBrokerTrouble } from './brokerDelay.ts';
import { eventBase } from './eventBase.ts';
import { marketSessionWait } from './marketSessionGate.ts';
import type { OrderContext, OrderJobResult } from './OrderContext.ts';
import { delayUntil, delayUntilSettled, mustGet } from './orderJobSteps.ts';
import { claimOrKeep } from './orderNoClaims.ts';
import { planTakesOrders } from './planTakesOrders.ts';
import { reconcileRecord } from './reconcileRecord.ts';
import { acquireSpacing, queryOrRequeue, requeueForRate, sendingRequest } from './sendGuards.ts';
import { sendQty } from './sendQty.ts';

/**
 * A place job: the record's round is reconciled first when an earlier run's request may have left, then sized under
 * the leg's lock and claimed `sending`, then sent once under the spacing guard and the kill switch.
 */
export async function processPlaceJob(
  ctx: OrderContext,
  job: Job,
  token: string | undefined,
  id: string,
): Promise<OrderJobResult> {
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
    const cause = { code: 'quote-refused', brokerMessage: err.message } as const;
    const t = await ctx.ledger.transition(id, ['queued'], () => ({ state: 'rejected', note: cause }));
    if (t.ok) {
      await ctx.emit({ type: 'order-rejected', ...eventBase(rec), name: rec.name, qty: 0, cause });
    }
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
        const { note: _n, error: _e, ...rest } = cur;
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
      const cause = { code: 'broker-refused', brokerMessage: reason } as const;
      await ctx.ledger.transition(id, ['sending'], () => ({ state: 'rejected', note: cause }));
      await ctx.emit({ type: 'order-rejected', ...eventBase(rec), name: rec.name, qty, cause });
      return { outcome: 'rejected', detail: reason };
    }
    // Timeout, lost connection, or anything unexpected after `sending` was written: it may have been placed. The
    // client may have sent later than `sentAt` (token renewal, its own pause, a re-send after a refused token), so
    // the settle time counts from now, when the call gave up (see LedgerRecord.unknownAt).
    const detail = err instanceof Error ? err.message : String(err);
    const unknownAt = Date.now();
    await ctx.ledger.update(id, (cur) =>
      cur.state === 'sending' && cur.sentAt === sentAt
        ? { ...cur, state: 'unknown', note: { code: 'request-failed', detail }, unknownAt }
        : undefined,
    );
    await ctx.emit({ type: 'order-unknown', ...eventBase(rec), qty, request: 'place', detail });
    return delayUntilSettled(ctx, job, token, unknownAt);
  }
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
  const maxOrderValue = ctx.settings.maxOrderValue;
  const cause = { code: 'over-cap', value, maxOrderValue } as const;
  const t = await ctx.ledger.transition(id, ['queued'], () => ({ state: 'rejected', qty, price, note: cause }));
  if (t.ok) {
    await ctx.emit({ type: 'order-rejected', ...eventBase(rec), name: rec.name, qty, cause });
    await ctx.emit({
      type: 'error',
      planId: rec.planId,
      code: 'order-value-over-cap',
      stockCode: rec.code,
      value,
      maxOrderValue: ctx.settings.maxOrderValue,
    });
  }
  return { outcome: 'rejected', detail: reason };
}

/** How long the queue pauses after a rate-limit answer to an order: the broker's Retry-After, at least the interval. */
function rateWaitMs(ctx: OrderContext, err: RateLimitedError): number {
  return Math.max(ctx.settings.orderIntervalMs, err.retryAfterMs ?? 0);
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
  const note = { code: 'plan-ended', planId: rec.planId, ...(status !== undefined ? { status } : {}) } as const;
  const t = await ctx.ledger.transition(rec.id ?? '', ['queued'], () => ({ state: 'skipped', qty: 0, note }));
  if (t.ok) ctx.logger?.info({ recordId: rec.id, status }, 'round of a plan that takes no more orders: skipped');
  return { outcome: 'skipped', detail: reason };
}

async function skip(ctx: OrderContext, id: string): Promise<OrderJobResult> {
  await ctx.ledger.transition(id, ['queued'], () => ({ state: 'skipped', qty: 0 }));
  return { outcome: 'skipped', detail: 'nothing left to place in this leg' };
}

/** Price used to value a market order against the cap: what it could fill at. */
function valuePrice(rec: LedgerRecord, quote: MarketQuote): number {
  if (rec.side === 'buy') return Math.max(quote.bestAsk, quote.price);
  return quote.price;
}
