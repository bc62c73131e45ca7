import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimitError, UnrecoverableError } from 'bullmq';
import { BrokerError } from '../src/broker/errors/BrokerError.ts';
import { RateLimitedError } from '../src/broker/errors/RateLimitedError.ts';
import type { OrderContext } from './OrderContext.ts';

/**
 * The guards every order request passes on its way out: the spacing guard (never two requests closer than the order
 * interval at the broker) and BullMQ's manual rate limit for a broker that answers "too many requests".
 */

/**
 * Waits for the spacing guard. Short waits are slept here (the quote just fetched stays fresh); for a long one the
 * caller puts the job back through BullMQ's manual rate limit, which does not use up an attempt.
 */
export async function acquireSpacing(ctx: OrderContext): Promise<'granted' | { readonly requeueMs: number }> {
  if (ctx.settings.spacingGuard === false) return 'granted';
  const maxInline = ctx.settings.maxInlineWaitMs ?? Math.min(ctx.settings.orderIntervalMs * 2, 30_000);
  for (;;) {
    const answer = await ctx.guard.tryAcquire();
    if (answer.granted) return 'granted';
    if (answer.waitMs > maxInline) return { requeueMs: answer.waitMs };
    await sleep(answer.waitMs);
  }
}

/**
 * Sends one order request under the spacing guard's stamp: stamped right before it leaves and again when its
 * answer (or error) is back. The request reached the broker before its answer came back, so counting the next
 * interval from the answer makes "never closer than the interval at the broker" hold whatever the network's delays,
 * at the cost of one round trip per order.
 */
export async function sendingRequest<T>(ctx: OrderContext, request: () => Promise<T>): Promise<T> {
  if (ctx.settings.spacingGuard === false) return request();
  await ctx.guard.markSent();
  if (ctx.settings.spacingStamp === 'send') return request();
  try {
    return await request();
  } finally {
    await ctx.guard.markSent();
  }
}

/** BullMQ's manual rate limit: the queue pauses for `ms` and the job goes back to the head of the wait list. */
export async function requeueForRate(ctx: OrderContext, ms: number): Promise<never> {
  await ctx.queue.rateLimit(Math.max(1, Math.round(ms)));
  throw new RateLimitError();
}

/** A broker query; a rate-limit answer re-queues the job without using an attempt, anything else propagates. */
export async function queryOrRequeue<T>(ctx: OrderContext, q: () => Promise<T>): Promise<T> {
  try {
    return await q();
  } catch (err) {
    if (err instanceof RateLimitedError) return requeueForRate(ctx, ctx.settings.orderIntervalMs);
    if (err instanceof BrokerError && !err.retryable) throw new UnrecoverableError(err.message);
    throw err;
  }
}
