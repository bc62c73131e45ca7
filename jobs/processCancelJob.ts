import type { Job } from 'bullmq';
import { AuthError } from '../src/broker/errors/AuthError.ts';
import { BusinessRejectionError } from '../src/broker/errors/BusinessRejectionError.ts';
import { RateLimitedError } from '../src/broker/errors/RateLimitedError.ts';
import type { CancelCause } from '../src/domain/CancelCause.ts';
import { FINAL_STATES } from '../src/domain/LedgerRecord.ts';
import { brokerAnswered, delayForBroker } from './brokerDelay.ts';
import { clearPending } from './clearPending.ts';
import { ensureFollowUp } from './ensureFollowUp.ts';
import { eventBase } from './eventBase.ts';
import type { OrderContext, OrderJobResult } from './OrderContext.ts';
import { delayUntil, delayUntilSettled, markPendingUnknown, mustGet, withPendingSettled } from './orderJobSteps.ts';
import { markCancelAcknowledged, reconcilePending } from './reconcilePending.ts';
import { acquireSpacing, requeueForRate, sendingRequest } from './sendGuards.ts';

/**
 * Cancel (or, with `toMarket`, cancel and re-send the rest as a market order). Allowed under the kill switch. `cause`
 * is kept on the record for the `cancelled` event (undefined only for a job that carried none).
 */
export async function processCancelJob(
  ctx: OrderContext,
  job: Job,
  token: string | undefined,
  id: string,
  cause: CancelCause | undefined,
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
          ...(cause !== undefined ? { cancelCause: cause } : {}),
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
      const detail = err instanceof Error ? err.message : String(err);
      const unknownAt = await markPendingUnknown(ctx, id, at);
      await ctx.emit({
        type: 'order-unknown',
        ...eventBase(rec),
        qty: rec.qty - rec.filledQty,
        request: 'cancel',
        detail,
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
        code: 'cancel-refused',
        stockCode: rec.code,
        orderNo,
        brokerMessage: err.message,
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
