import type { CancelCause } from '../src/domain/CancelCause.ts';
import type { HaltSource } from '../src/domain/HaltSource.ts';
import type { OrderContext } from './OrderContext.ts';
import { enqueueCancel, requeuePlan } from './orderQueue.ts';

/**
 * The kill switch (/stop, /resume). Halting stops placing at once: the flag is checked by the worker right before
 * every place and amend, and the waiting order jobs are removed. The ledger is kept as it is, so resuming continues
 * from it. Cancels are still allowed while halted (they only reduce exposure).
 */

export interface HaltOptions {
  /** Who throws the switch (kept on the flag, and the cause of the cancels it queues). */
  readonly by?: HaltSource;
  /** Also cancel every open order of the account at the broker (through the queue, paced like any request). */
  readonly cancelOpen?: boolean;
}

/** What haltOrders did: jobs removed, cancels queued, and the plan it halted. */
export interface HaltResult {
  readonly removedJobs: number;
  readonly cancelJobs: number;
  readonly planId?: string;
}

/**
 * Throws the kill switch. Removes waiting and delayed place/amend/market jobs, except those of records that are
 * being reconciled (`sending`/`unknown` or an amend/cancel in flight): reconciling sends nothing, and dropping it
 * would leave the record unsettled. The active plan becomes `halted`; a `halted` event is pushed.
 */
export async function haltOrders(ctx: OrderContext, options: HaltOptions = {}): Promise<HaltResult> {
  const by = options.by;
  await ctx.halt.set({ at: Date.now(), ...(by !== undefined ? { by } : {}) });
  let removedJobs = 0;
  const jobs = await ctx.queue.getJobs(['waiting', 'delayed', 'prioritized']);
  for (const job of jobs) {
    if (job.data.kind === 'cancel') continue;
    const rec = await ctx.ledger.get(job.data.recordId);
    if (rec !== undefined && (rec.state === 'sending' || rec.state === 'unknown' || rec.pending !== undefined))
      continue;
    try {
      await job.remove();
      removedJobs++;
    } catch (err) {
      // Picked up by the worker in the meantime: it checks the flag before sending.
      ctx.logger?.debug({ err, jobId: job.id }, 'order job could not be removed');
    }
  }
  const active = await ctx.plans.getActive();
  if (active?.status === 'active') await ctx.plans.setStatus(active.id, 'halted', ['active']);
  const planId = active?.id;
  await ctx.emit({ type: 'halted', ...(planId !== undefined ? { planId } : {}), removedJobs });
  const cause = { code: 'kill-switch', ...(by !== undefined ? { by } : {}) } as const;
  const cancelJobs = options.cancelOpen ? await cancelOpenOrders(ctx, cause) : 0;
  return { removedJobs, cancelJobs, ...(planId !== undefined ? { planId } : {}) };
}

/** Queues a cancel for every open or partly filled order in the ledger (any plan). Returns how many were queued. */
export async function cancelOpenOrders(ctx: OrderContext, cause: CancelCause): Promise<number> {
  let n = 0;
  for (const rec of await ctx.ledger.listLive()) {
    if ((rec.state === 'open' || rec.state === 'partial') && rec.orderNo !== undefined) {
      if (await enqueueCancel(ctx, rec, cause)) n++;
    }
  }
  return n;
}

/**
 * Releases the kill switch: the halted plan becomes active again and every record still to be sent (of any plan
 * that is not done or cancelled) gets its place job back, in send order. Pushes a `resumed` event.
 */
export async function resumeOrders(
  ctx: OrderContext,
): Promise<{ readonly requeued: number; readonly planId?: string }> {
  await ctx.halt.clear();
  const active = await ctx.plans.getActive();
  if (active?.status === 'halted') await ctx.plans.setStatus(active.id, 'active', ['halted']);
  let requeued = 0;
  const planIds = new Set((await ctx.ledger.listLive()).map((r) => r.planId));
  for (const planId of planIds) {
    const status = (await ctx.plans.get(planId))?.status;
    if (status !== 'done' && status !== 'cancelled') requeued += await requeuePlan(ctx, planId);
  }
  await ctx.emit({ type: 'resumed', ...(active !== undefined ? { planId: active.id } : {}) });
  return { requeued, ...(active !== undefined ? { planId: active.id } : {}) };
}
