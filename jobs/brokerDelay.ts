import { type Job, RateLimitError } from 'bullmq';
import { BrokerError } from '../src/broker/errors/BrokerError.ts';
import { RateLimitedError } from '../src/broker/errors/RateLimitedError.ts';
import { BrokerTrouble } from '../src/store/BrokerTrouble.ts';
import type { OrderContext } from './OrderContext.ts';

/**
 * Transient broker trouble before an order request left (a quote query answering 5xx, a token refused, a dropped
 * connection) is a delay, not a failure: the order queue pauses (BullMQ's manual rate limit) and the job goes back
 * to its place in it without using up an attempt, for as long as the outage lasts. So a round is never left
 * `queued` with no job because the broker was down for a minute, and the rounds keep their order (a job delayed on
 * its own could come back after a later round, and the last round sends what remains of the leg). The pause grows
 * with the outage (half of how long it has lasted so far), from the job backoff up to `brokerRetryMaxMs`. Once the outage is older than `stallNoticeMs`, one `stalled` event says that the phase waits
 * and why; the first query that answers again ends it (`recovered`, see brokerAnswered).
 * Rate-limit answers are pacing, not trouble: they go through BullMQ's manual rate limit instead.
 */

/** Default most a place job waits between two tries while the broker fails (ms). */
export const DEFAULT_BROKER_RETRY_MAX_MS = 5_000;
/** Default time the broker may fail before a `stalled` event is pushed (ms). */
export const DEFAULT_STALL_NOTICE_MS = 20_000;

/** True for broker trouble that is worth waiting out: a retryable error that is not a rate-limit answer. */
export function isBrokerTrouble(err: unknown): err is BrokerError {
  return err instanceof BrokerError && err.retryable && !(err instanceof RateLimitedError);
}

/** Notes the trouble, tells the person once when it lasts, and pauses the queue with the job back in it. Never returns. */
export async function delayForBroker(ctx: OrderContext, job: Job, planId: string, err: BrokerError): Promise<never> {
  const now = Date.now();
  const noticeMs = ctx.settings.stallNoticeMs ?? DEFAULT_STALL_NOTICE_MS;
  const { since, notice } = await new BrokerTrouble(ctx.redis, ctx.accountId).note(now, noticeMs);
  const maxMs = ctx.settings.brokerRetryMaxMs ?? DEFAULT_BROKER_RETRY_MAX_MS;
  const waitMs = Math.min(maxMs, Math.max(ctx.settings.backoffMs ?? 1_000, Math.round((now - since) / 2)));
  ctx.logger?.warn({ jobId: job.id, err, since, waitMs }, 'broker trouble before the send: the order waits');
  if (notice) {
    ctx.logger?.error({ since, planId }, 'the broker has been failing for a while: orders wait');
    await ctx.emit({ type: 'stalled', planId, code: 'broker-unavailable', since, message: err.message });
  }
  await ctx.queue.rateLimit(waitMs);
  throw new RateLimitError();
}

/** A pre-send query answered: ends a noted outage, with a `recovered` event when it had been told. */
export async function brokerAnswered(ctx: OrderContext, planId: string): Promise<void> {
  const ended = await new BrokerTrouble(ctx.redis, ctx.accountId).clear();
  if (ended === undefined) return;
  const downMs = Math.max(0, Date.now() - ended.since);
  ctx.logger?.info({ downMs, planId }, 'the broker answers again');
  if (ended.noticed) await ctx.emit({ type: 'recovered', planId, code: 'broker-unavailable', downMs });
}
