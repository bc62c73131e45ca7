import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Side } from '../src/domain/types.ts';
import { controlQueueName } from '../src/store/keys.ts';
import type { OrderContext } from './OrderContext.ts';
import { phaseStartJobId } from './phaseStartJobId.ts';
import { type PollReport, runPoll } from './pollJob.ts';
import { type PhaseStartOutcome, startPhase } from './startPhase.ts';
import { workerConnection } from './workerConnection.ts';

/**
 * The account's control queue (`control-{accountId}`): the poll, run by a BullMQ job scheduler every
 * POLL_INTERVAL_MS, and phase starts (from the cron tasks or `run now`). One worker with concurrency 1 works it, so
 * a poll and a phase start of one process never overlap; across processes the phase moves are compare-and-set.
 * Control jobs send no order themselves: every order request goes through the order queue.
 */

/** The control jobs. */
export type ControlJobData =
  | { readonly kind: 'poll' }
  | { readonly kind: 'phase-start'; readonly planId: string; readonly side: Side; readonly date: string };

/** What a control job returns. */
export type ControlJobResult = PollReport | { readonly phase: PhaseStartOutcome };

/** Id of the poll's job scheduler (one per queue: upserting it again replaces it). */
export const POLL_SCHEDULER_ID = 'poll';

/** Opens the control queue of an account on a shared connection (the caller closes the queue, not the connection). */
export function createControlQueue(
  redis: Redis,
  accountId: string,
  prefix: string,
): Queue<ControlJobData, ControlJobResult> {
  return new Queue<ControlJobData, ControlJobResult>(controlQueueName(accountId), { connection: redis, prefix });
}

/**
 * Creates or replaces the poll's job scheduler: a poll now, then every `everyMs`. Finished poll jobs are not kept
 * (the ledger and the outbox hold what they did).
 */
export async function upsertPollScheduler(
  queue: Queue<ControlJobData, ControlJobResult>,
  everyMs: number,
): Promise<void> {
  if (!Number.isSafeInteger(everyMs) || everyMs < 1)
    throw new RangeError(`poll interval must be whole ms >= 1: ${everyMs}`);
  await queue.upsertJobScheduler(
    POLL_SCHEDULER_ID,
    { every: everyMs },
    { name: 'poll', data: { kind: 'poll' }, opts: { removeOnComplete: true, removeOnFail: 100 } },
  );
}

/**
 * Adds a phase start for a plan, side and KST date unless one with that id is waiting or running: a cron that
 * fires twice or a `run now` right after the cron adds nothing. A finished job of the same id is replaced (a start
 * that found the plan halted must be able to run again after /resume); the phase moves themselves are
 * compare-and-set, so a start that runs twice starts the phase once. Returns false when a live job was there.
 */
export async function enqueuePhaseStart(
  queue: Queue<ControlJobData, ControlJobResult>,
  planId: string,
  side: Side,
  date: string,
): Promise<boolean> {
  const jobId = phaseStartJobId(planId, side, date);
  const existing = await queue.getJob(jobId);
  if (existing !== undefined) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    await existing.remove();
  }
  await queue.add(
    'phase-start',
    { kind: 'phase-start', planId, side, date },
    {
      jobId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  );
  return true;
}

/** Runs one control job. */
export async function processControlJob(ctx: OrderContext, data: ControlJobData): Promise<ControlJobResult> {
  switch (data.kind) {
    case 'poll':
      return runPoll(ctx);
    case 'phase-start':
      return { phase: await startPhase(ctx, data.planId, data.side) };
    default:
      throw new UnrecoverableError(`unknown control job: ${JSON.stringify(data)}`);
  }
}

/** Options of the control worker. */
export interface ControlWorkerOptions {
  /** Lock length of a running job (default 30 s). */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
}

/**
 * Starts the control worker (concurrency 1) on its own connections, made from the shared connection's options
 * with maxRetriesPerRequest: null as BullMQ's blocking commands need; `worker.close()` closes them.
 */
export function createControlWorker(
  ctx: OrderContext,
  options: ControlWorkerOptions = {},
): Worker<ControlJobData, ControlJobResult> {
  const worker = new Worker<ControlJobData, ControlJobResult>(
    controlQueueName(ctx.accountId),
    (job) => processControlJob(ctx, job.data),
    {
      connection: workerConnection(ctx.redis),
      prefix: ctx.prefix,
      concurrency: 1,
      ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
    },
  );
  worker.on('failed', (job, err) => ctx.logger?.warn({ jobId: job?.id, err }, 'control job failed'));
  worker.on('error', (err) => ctx.logger?.error({ err }, 'control worker error'));
  return worker;
}
