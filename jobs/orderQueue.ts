import { UnrecoverableError, Worker } from 'bullmq';
import type { CancelCause } from '../src/domain/CancelCause.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { Side } from '../src/domain/types.ts';
import { orderJobId, orderQueueName, recordId } from '../src/store/keys.ts';
import {
  ensureOrderJob,
  type OrderContext,
  type OrderJobData,
  type OrderJobResult,
  placeJobPriority,
} from './OrderContext.ts';
import { processOrderJob } from './processOrderJob.ts';
import { workerConnection } from './workerConnection.ts';

/**
 * The account's order queue: one BullMQ queue (`orders-{accountId}`) for every request that creates or changes an
 * order, worked by one worker at a time whose limiter lets 1 job start per ORDER_INTERVAL_MS, plus the Redis
 * spacing guard right before each request (see SpacingGuard) so two requests are never closer than the interval.
 * @see ../shared/product.md flow step 4; ../shared/reference/libraries.md "BullMQ semantics"
 */

export interface OrderWorkerOptions {
  /** Lock length of a running job (default 30 s); a crashed worker's job is picked up again after it. */
  readonly lockDurationMs?: number;
  /** How often stalled jobs are looked for (default 30 s). */
  readonly stalledIntervalMs?: number;
  /** Start processing at once (default true). */
  readonly autorun?: boolean;
}

/**
 * Starts the order worker of the account (concurrency 1, limiter { max: 1, duration: ORDER_INTERVAL_MS }). It opens
 * its own Redis connections (with maxRetriesPerRequest: null) from the context connection's options, and closes
 * them on `worker.close()`. Jobs that fail for good push an `error` event.
 */
export function createOrderWorker(
  ctx: OrderContext,
  options: OrderWorkerOptions = {},
): Worker<OrderJobData, OrderJobResult> {
  const worker = new Worker<OrderJobData, OrderJobResult>(
    orderQueueName(ctx.accountId),
    (job, token) => processOrderJob(ctx, job, token),
    {
      connection: workerConnection(ctx.redis),
      prefix: ctx.prefix,
      concurrency: 1,
      limiter: { max: 1, duration: ctx.settings.orderIntervalMs },
      ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
      autorun: options.autorun ?? true,
    },
  );
  worker.on('failed', (job, err) => {
    if (job === undefined) return;
    const final =
      err instanceof UnrecoverableError ||
      err.name === 'UnrecoverableError' ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    ctx.logger?.warn({ jobId: job.id, err, final }, 'order job failed');
    if (final) void ctx.emit({ type: 'error', code: 'order-job-failed', jobId: job.id ?? '', detail: err.message });
  });
  worker.on('error', (err) => ctx.logger?.error({ err }, 'order worker error'));
  return worker;
}

/**
 * Starts one side of a plan: from the plan's legs of that side (for buys: the legs re-sized at the start), writes
 * a `queued` ledger record for every round of every leg (`skipped` for an empty round that is not the last), and
 * adds the place jobs in send order: round 1 of every leg, then round 2, ... (priority = round, first in first out
 * within a round; amend, cancel and market jobs overtake them, see placeJobPriority). Idempotent: a
 * second call creates nothing new and adds jobs only for records that are still to be sent and have none.
 */
export async function enqueuePhaseRounds(
  ctx: OrderContext,
  planId: string,
  side: Side,
): Promise<{ readonly records: number; readonly created: number; readonly jobs: number }> {
  const stored = await ctx.plans.get(planId);
  if (stored === undefined) throw new Error(`plan ${planId} not found`);
  const orderType = stored.orderType;
  // The plan's one copy of the legs; a running phase's legs never change (PlanStore.casPhase, replaceLegs).
  const legsInOrder = (side === 'sell' ? stored.plan.sells : stored.plan.buys).filter((l) => l.qty > 0);
  const maxRounds = Math.max(0, ...legsInOrder.map((l) => l.rounds.length));
  let records = 0;
  let created = 0;
  let jobs = 0;
  for (let round = 1; round <= maxRounds; round++) {
    for (const [i, leg] of legsInOrder.entries()) {
      if (round > leg.rounds.length) continue;
      const plannedQty = leg.rounds[round - 1] ?? 0;
      const isLastRound = round === leg.rounds.length;
      const res = await ctx.ledger.create({
        planId,
        side,
        code: leg.code,
        name: leg.name,
        round,
        isLastRound,
        plannedQty,
        orderType,
        state: !isLastRound && plannedQty === 0 ? 'skipped' : 'queued',
        order: round * 100_000 + i,
      });
      records++;
      if (res.created) created++;
      if (await ensurePlaceJob(ctx, res.record)) jobs++;
    }
  }
  return { records, created, jobs };
}

/**
 * Makes sure a record that still has to be sent (or reconciled) has its place job. Returns true when a job was
 * added. For `queued`, `sending` and `unknown` records only. A round's place job waits behind every amend, cancel
 * and market job and behind earlier rounds (priority = round); a market follow-up (`seq` > 0) finishes a decision
 * already taken and goes without a priority, like the market job that made it.
 */
export async function ensurePlaceJob(ctx: OrderContext, record: LedgerRecord): Promise<boolean> {
  if (record.state !== 'queued' && record.state !== 'sending' && record.state !== 'unknown') return false;
  const id = record.id ?? recordId(record);
  const priority = (record.seq ?? 0) > 0 ? undefined : placeJobPriority(record.round);
  return ensureOrderJob(ctx, orderJobId('place', id), { kind: 'place', recordId: id }, priority);
}

/**
 * Asks for an open order to be moved to `price` (on the tick grid; the worker checks again that the record is still
 * open with the same order number before sending). Job id per (record, amendment count): a repeated poll adds the
 * same job, which is ignored while it waits.
 */
export async function enqueueAmend(ctx: OrderContext, record: LedgerRecord, price: number): Promise<boolean> {
  const id = record.id ?? recordId(record);
  if (record.orderNo === undefined) throw new Error(`${id} has no order to amend`);
  const jobId = orderJobId('amend', id, `a${record.amendments.length + 1}`);
  return ensureOrderJob(ctx, jobId, { kind: 'amend', recordId: id, fromOrderNo: record.orderNo, price });
}

/** Asks for the unfilled rest of a record's live order to be cancelled (allowed under the kill switch). */
export async function enqueueCancel(ctx: OrderContext, record: LedgerRecord, cause: CancelCause): Promise<boolean> {
  const id = record.id ?? recordId(record);
  if (record.orderNo === undefined) throw new Error(`${id} has no order to cancel`);
  return ensureOrderJob(ctx, orderJobId('cancel', id, record.orderNo), { kind: 'cancel', recordId: id, cause });
}

/**
 * Asks for the unfilled rest of a record's live order to be cancelled and sent again as a market order (a
 * follow-up record `-m{n}` of the same round, placed through the queue like any other order).
 */
export async function enqueueMarket(ctx: OrderContext, record: LedgerRecord): Promise<boolean> {
  const id = record.id ?? recordId(record);
  if (record.orderNo === undefined) throw new Error(`${id} has no order to convert`);
  return ensureOrderJob(ctx, orderJobId('market', id, record.orderNo), {
    kind: 'market',
    recordId: id,
    fromOrderNo: record.orderNo,
  });
}

/**
 * Gives every record of a plan that still has to be sent or reconciled its place job again, in send order (after
 * the kill switch is released, or at start-up). Returns how many jobs were added.
 */
export async function requeuePlan(ctx: OrderContext, planId: string): Promise<number> {
  let added = 0;
  for (const rec of await ctx.ledger.listByPlan(planId)) {
    if (await ensurePlaceJob(ctx, rec)) added++;
  }
  return added;
}
