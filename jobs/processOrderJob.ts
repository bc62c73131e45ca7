import { type Job, UnrecoverableError } from 'bullmq';
import { storedCancelCause } from '../src/domain/storedCancelCause.ts';
import type { OrderContext, OrderJobData, OrderJobResult } from './OrderContext.ts';
import { processAmendJob } from './processAmendJob.ts';
import { processCancelJob } from './processCancelJob.ts';
import { processPlaceJob } from './processPlaceJob.ts';

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
      return processPlaceJob(ctx, job, token, data.recordId);
    case 'amend':
      return processAmendJob(ctx, job, token, data.recordId, data.fromOrderNo, data.price);
    case 'cancel':
      return processCancelJob(ctx, job, token, data.recordId, storedCancelCause(data.cause, data.reason), false);
    case 'market':
      return processCancelJob(ctx, job, token, data.recordId, { code: 'to-market' }, true);
    default:
      throw new UnrecoverableError(`unknown order job kind: ${JSON.stringify(data)}`);
  }
}
