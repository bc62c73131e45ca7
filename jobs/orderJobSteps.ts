import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { OrderContext } from './OrderContext.ts';
import { reconcilePending } from './reconcilePending.ts';

/**
 * Steps the order job kinds share (processPlaceJob, processAmendJob, processCancelJob): reading the record, waiting
 * on the job without using up an attempt, and settling an amend or cancel left in flight before another one leaves.
 */

/**
 * Notes on the record's pending amend/cancel (the one let out at `at`) when its call ended without an answer: the
 * client may have sent it well after `at`, so its settle time counts from now (PendingRequest.unknownAt). Returns now.
 */
export async function markPendingUnknown(ctx: OrderContext, id: string, at: number): Promise<number> {
  const unknownAt = Date.now();
  await ctx.ledger.update(id, (cur) =>
    cur.pending?.at === at ? { ...cur, pending: { ...cur.pending, unknownAt } } : undefined,
  );
  return unknownAt;
}

/**
 * The record, once an amend or cancel an earlier run left in flight (`pending`) is settled; while its outcome cannot
 * be known yet, the job waits (delayed) instead, so a second request never goes out on top of the first.
 */
export async function withPendingSettled(
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
export function delayUntilSettled(
  ctx: OrderContext,
  job: Job,
  token: string | undefined,
  unknownAt: number,
): Promise<never> {
  return delayUntil(job, token, unknownAt + Math.max(ctx.settings.settleMs, 1));
}

/** Moves the running job to the delayed set until `at` without using up an attempt. */
export async function delayUntil(job: Job, token: string | undefined, at: number): Promise<never> {
  await job.moveToDelayed(Math.max(at, Date.now() + 1), token);
  throw new DelayedError();
}

/** The job's ledger record; a job without one cannot be run again and fails for good. */
export async function mustGet(ctx: OrderContext, id: string): Promise<LedgerRecord> {
  const rec = await ctx.ledger.get(id);
  if (rec === undefined) throw new UnrecoverableError(`no ledger record ${id}`);
  return rec;
}
