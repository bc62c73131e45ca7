import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Broker } from '../src/broker/Broker.ts';
import type { AmendRules } from '../src/domain/amendDecision.ts';
import type { CancelCause } from '../src/domain/CancelCause.ts';
import type { EngineEvent } from '../src/domain/EngineEvent.ts';
import type { OrderType } from '../src/domain/OrderType.ts';
import type { OrderSessionMode } from '../src/domain/orderSession.ts';
import type { FeeRates } from '../src/domain/types.ts';
import type { Logger } from '../src/logging/logger.ts';
import { EventOutbox } from '../src/store/EventOutbox.ts';
import { HaltFlag } from '../src/store/HaltFlag.ts';
import { DEFAULT_BULL_PREFIX, orderQueueName } from '../src/store/keys.ts';
import { OrderLedger } from '../src/store/OrderLedger.ts';
import { PlanStore } from '../src/store/PlanStore.ts';
import { SpacingGuard } from '../src/store/SpacingGuard.ts';

/** The order jobs. Every request that creates or changes an order is one of these, so one pacing covers them all. */
export type OrderJobData =
  | { readonly kind: 'place'; readonly recordId: string }
  | { readonly kind: 'amend'; readonly recordId: string; readonly fromOrderNo: string; readonly price: number }
  /**
   * `cause` says why (kept on the record); a cancel job an older version queued carries its words in `reason`
   * instead (read through storedCancelCause).
   */
  | { readonly kind: 'cancel'; readonly recordId: string; readonly cause?: CancelCause; readonly reason?: string }
  | { readonly kind: 'market'; readonly recordId: string; readonly fromOrderNo: string };

/** What the order worker did with a job (the job's return value, for tests and logs). */
export type OrderJobResult =
  | {
      /** `unclaimed`: the broker accepted `orderNo` but another record owns it today; the record is left unknown. */
      readonly outcome: 'placed' | 'amended' | 'cancelled' | 'reconciled' | 'unclaimed';
      readonly orderNo?: string;
    }
  | { readonly outcome: 'rejected' | 'skipped' | 'halted' | 'noop' | 'followed-up'; readonly detail?: string };

/** Engine settings the order queue uses (from the engine config section; tests scale the times down). */
export interface OrderSettings {
  /** Smallest time between two order requests (ORDER_INTERVAL_MS). */
  readonly orderIntervalMs: number;
  /** Safety cap: an order worth more than this is rejected instead of sent (MAX_ORDER_VALUE). */
  readonly maxOrderValue: number;
  /** Order type for records that do not name one (ORDER_TYPE). */
  readonly orderType: OrderType;
  /**
   * How long after a request whose outcome is unknown the broker's lists are trusted to show the order if it
   * exists. Before that, "not found" proves nothing (the request may still arrive), so nothing is re-sent.
   */
  readonly settleMs: number;
  /** The Redis spacing guard on top of BullMQ's limiter (default true; false only to measure BullMQ alone). */
  readonly spacingGuard?: boolean;
  /**
   * When the guard's interval starts: `answer` (default) counts it from the moment the previous request's answer
   * came back, which holds the spacing at the broker whatever the network's delays (the request arrived before its
   * answer); `send` counts from the moment it left, one round trip faster per order but only as exact as the
   * delays are even.
   */
  readonly spacingStamp?: 'answer' | 'send';
  /** Extra ms the guard adds to the interval (default 0). */
  readonly spacingMarginMs?: number;
  /** Guard waits up to this long are slept inside the job; longer ones re-queue it via the manual rate limit. */
  readonly maxInlineWaitMs?: number;
  /** Attempts for transient failures before the request left (a quote query failing), default 5. */
  readonly attempts?: number;
  /** First retry delay of those attempts (exponential), default 1,000 ms. */
  readonly backoffMs?: number;
  /** How far the broker's clock may lag ours when matching an unknown order (CLOCK_SKEW_MS; default 30,000 ms). */
  readonly clockSkewMs?: number;
  /** Orders are held while the broker's measured clock is further than this from ours (MAX_CLOCK_OFFSET_MS). */
  readonly maxClockOffsetMs?: number;
  /** When orders may be placed (MARKET_SESSION, default `always`); outside it place jobs wait for the next open. */
  readonly marketSession?: OrderSessionMode;
  /** Extra closed days on top of the KRX calendar (EXTRA_CLOSED_DAYS), for `marketSession: 'krx'`. */
  readonly extraClosedDays?: readonly string[];
  /** The clock trading hours are judged by (default Date.now; tests pass a fake one). */
  readonly sessionClock?: () => number;
  /** Most a place job waits between two tries while the broker fails before the send (see jobs/brokerDelay.ts). */
  readonly brokerRetryMaxMs?: number;
  /** How long the broker may fail before a `stalled` event says so (see jobs/brokerDelay.ts). */
  readonly stallNoticeMs?: number;
}

/** Engine settings the poll and the phase jobs use (from the engine config section; tests scale the times down). */
export interface PollSettings {
  /** Time between two polls of the broker (POLL_INTERVAL_MS). */
  readonly pollIntervalMs: number;
  /** AMEND_AFTER_MS, MAX_AMENDS, AMEND_POLICY, AMEND_PRICE. */
  readonly amend: AmendRules;
  /** Fee rates the buy resize budgets commission with (COMMISSION_PPM, SELL_TAX_PPM). */
  readonly fees: FeeRates;
}

/** Every setting the engine's jobs read: the order queue's and those of the poll and the phases. */
export interface EngineSettings extends OrderSettings, PollSettings {}

/**
 * Everything the engine's jobs need (order jobs, the poll, the phase moves); one per account and process.
 * Named after the order jobs it first served; the poll and the phases take the same object.
 */
export interface OrderContext {
  readonly accountId: string;
  readonly redis: Redis;
  readonly broker: Broker;
  readonly ledger: OrderLedger;
  readonly outbox: EventOutbox;
  readonly plans: PlanStore;
  readonly halt: HaltFlag;
  readonly guard: SpacingGuard;
  readonly queue: Queue<OrderJobData, OrderJobResult>;
  readonly settings: EngineSettings;
  readonly prefix: string;
  /** Clock of the poll's amend decisions and phase moves (epoch ms; tests pass a fake one). */
  readonly now: () => number;
  readonly logger?: Logger | undefined;
  /** Appends an event to the outbox; never throws (a lost notice must not fail an order job). */
  emit(event: EngineEvent): Promise<void>;
}

/** What createOrderContext needs. */
export interface CreateOrderContextOptions {
  readonly redis: Redis;
  readonly accountId: string;
  readonly broker: Broker;
  readonly settings: EngineSettings;
  /** BullMQ key prefix (default `rb`; tests pass their own). */
  readonly prefix?: string;
  /** Clock of the poll's amend decisions and phase moves (default Date.now). */
  readonly now?: () => number;
  readonly logger?: Logger | undefined;
}

/** Builds the stores and the order queue of one account on one Redis connection. */
export function createOrderContext(options: CreateOrderContextOptions): OrderContext {
  const { redis, accountId, settings } = options;
  validateSettings(settings);
  const prefix = options.prefix ?? DEFAULT_BULL_PREFIX;
  const outbox = new EventOutbox(redis, accountId);
  const logger = options.logger;
  const queue = new Queue<OrderJobData, OrderJobResult>(orderQueueName(accountId), { connection: redis, prefix });
  return {
    accountId,
    redis,
    broker: options.broker,
    ledger: new OrderLedger(redis, accountId),
    outbox,
    plans: new PlanStore(redis, accountId),
    halt: new HaltFlag(redis, accountId),
    guard: new SpacingGuard(redis, accountId, settings.orderIntervalMs + (settings.spacingMarginMs ?? 0)),
    queue,
    settings,
    prefix,
    now: options.now ?? Date.now,
    logger,
    async emit(event) {
      try {
        await outbox.append(event);
      } catch (err) {
        logger?.error({ err, event: event.type }, 'could not append an engine event');
      }
    },
  };
}

/** Closes the context's queue (not the Redis connection, which the caller owns). */
export async function closeOrderContext(ctx: OrderContext): Promise<void> {
  await ctx.queue.close();
}

/** Highest BullMQ job priority (2^21 - 1; a lower number runs first, 0 means none). */
const LOWEST_PRIORITY = 2 ** 21 - 1;

/**
 * The queue position of a place job of `round`: its BullMQ priority. BullMQ takes every job WITHOUT a priority (the
 * wait list) before any prioritized one, and prioritized jobs by lowest number, first in first out within one
 * number (checked in bullmq 6.7's moveToActive script: RPOPLPUSH from wait, only then the prioritized set, scored
 * priority x 2^32 + insertion counter). So amend, cancel and market jobs (and a market follow-up) go without a
 * priority and overtake every waiting place job (an amendment due now must not wait behind 30 minutes of rounds),
 * while place jobs keep round-major order: all of round 1 (in leg order), then round 2, ...
 * @see https://docs.bullmq.io/guide/jobs/prioritized
 */
export function placeJobPriority(round: number): number {
  return Math.min(Math.max(1, Math.trunc(round)), LOWEST_PRIORITY);
}

/** Job options of every order job: retries with backoff for trouble before a request leaves; completed jobs are
 * kept a day so that adding the same job id again (a repeated phase start or poll) is ignored. `priority` only for
 * place jobs (see placeJobPriority). */
export function orderJobOptions(ctx: OrderContext, jobId: string, priority?: number): JobsOptions {
  return {
    jobId,
    attempts: ctx.settings.attempts ?? 5,
    backoff: { type: 'exponential', delay: ctx.settings.backoffMs ?? 1_000 },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
    ...(priority !== undefined && priority > 0 ? { priority } : {}),
  };
}

/**
 * Adds the job unless one with this id is waiting, delayed or running. A finished (completed or failed) job of the
 * same id is removed first, so a record put back to work (resume, recovery) gets a job again. Returns false when a
 * live job was already there. Processing is idempotent on the ledger, so a duplicate from a race does no harm.
 * `priority` (place jobs of a round, see placeJobPriority) puts the job behind every job without one.
 */
export async function ensureOrderJob(
  ctx: OrderContext,
  jobId: string,
  data: OrderJobData,
  priority?: number,
): Promise<boolean> {
  const existing = await ctx.queue.getJob(jobId);
  if (existing !== undefined) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    try {
      await existing.remove();
    } catch (err) {
      ctx.logger?.warn({ err, jobId }, 'could not remove a finished order job');
      return false;
    }
  }
  await ctx.queue.add(data.kind, data, orderJobOptions(ctx, jobId, priority));
  return true;
}

function validateSettings(s: OrderSettings): void {
  const positive = { orderIntervalMs: s.orderIntervalMs, maxOrderValue: s.maxOrderValue };
  for (const [name, v] of Object.entries(positive)) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${name} must be a whole number >= 1: ${v}`);
  }
  if (!Number.isSafeInteger(s.settleMs) || s.settleMs < 0) throw new RangeError(`settleMs must be >= 0: ${s.settleMs}`);
  if (s.orderType !== 'limit' && s.orderType !== 'market') throw new RangeError(`orderType: ${String(s.orderType)}`);
}
