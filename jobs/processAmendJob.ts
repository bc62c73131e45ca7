import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { AuthError } from '../src/broker/errors/AuthError.ts';
import { BusinessRejectionError } from '../src/broker/errors/BusinessRejectionError.ts';
import { RateLimitedError } from '../src/broker/errors/RateLimitedError.ts';
import { isOnTick } from '../src/domain/ticks.ts';
import { clearPending } from './clearPending.ts';
import { eventBase } from './eventBase.ts';
import type { OrderContext, OrderJobResult } from './OrderContext.ts';
import { delayUntilSettled, markPendingUnknown, withPendingSettled } from './orderJobSteps.ts';
import { recordAmendment } from './recordAmendment.ts';
import { acquireSpacing, queryOrRequeue, requeueForRate, sendingRequest } from './sendGuards.ts';

/** An amend job: the live order `fromOrderNo` re-priced to `price`, once, under the spacing guard and the kill switch. */
export async function processAmendJob(
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
        code: 'amend-refused',
        stockCode: rec.code,
        orderNo: fromOrderNo,
        brokerMessage: err.message,
      });
      return { outcome: 'rejected', detail: err.message };
    }
    const detail = err instanceof Error ? err.message : String(err);
    const unknownAt = await markPendingUnknown(ctx, id, at);
    await ctx.emit({ type: 'order-unknown', ...eventBase(rec), qty: open.unfilledQty, request: 'amend', detail });
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
