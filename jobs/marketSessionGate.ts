import { CalendarNotCoveredError } from '../src/domain/CalendarNotCoveredError.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import { orderSessionAt } from '../src/domain/orderSession.ts';
import type { OrderContext } from './OrderContext.ts';

/**
 * The trading-hours guard of the place jobs (MARKET_SESSION). Outside the session an order would be refused by the
 * exchange and its round burned as `rejected` (and a buy phase started after the close would end "done" having
 * bought nothing). So a place job outside it waits (delayed) for the next session's open, the record stays `queued`
 * and its phase `running`, and one `phase-waiting` event per phase and opening says so. When the KRX calendar does
 * not cover the day, nothing is guessed: the job waits and an `error` event asks for the calendar to be extended.
 * @see ../src/domain/orderSession.ts
 */

/** How long a job waits before asking again when the calendar cannot answer (ms). */
const UNCOVERED_RECHECK_MS = 6 * 60 * 60 * 1000;

/**
 * Undefined inside a session (send now); otherwise the epoch ms (real time) at which the place job should run
 * again. The session is judged by `ctx.settings.sessionClock` (default Date.now).
 */
export async function marketSessionWait(ctx: OrderContext, rec: LedgerRecord): Promise<number | undefined> {
  const clock = ctx.settings.sessionClock ?? Date.now;
  const now = clock();
  // A fake session clock runs at real speed from another instant: the wait is carried over to real time.
  const toReal = (at: number) => Date.now() + (at - now);
  const mode = ctx.settings.marketSession ?? 'always';
  let check: ReturnType<typeof orderSessionAt>;
  try {
    check = orderSessionAt(mode, now, { extraClosures: ctx.settings.extraClosedDays ?? [] });
  } catch (err) {
    if (!(err instanceof CalendarNotCoveredError)) throw err;
    if (await firstNotice(ctx, `uncovered:${rec.planId}:${err.date}`, UNCOVERED_RECHECK_MS)) {
      await ctx.emit({ type: 'error', planId: rec.planId, code: 'calendar-not-covered', date: err.date });
    }
    return toReal(now + UNCOVERED_RECHECK_MS);
  }
  if (check.open) return undefined;
  if (await firstNotice(ctx, `${rec.planId}:${rec.side}:${check.nextOpen}`, check.nextOpen - now)) {
    await ctx.emit({
      type: 'phase-waiting',
      planId: rec.planId,
      side: rec.side,
      code: 'market-closed',
      opensAt: check.nextOpen,
    });
  }
  return toReal(check.nextOpen);
}

/** True the first time `what` is noticed (a Redis key that lives a little longer than the wait). */
async function firstNotice(ctx: OrderContext, what: string, ttlMs: number): Promise<boolean> {
  const key = `${ctx.ledger.keys.prefix}session-wait:${what}`;
  const set = await ctx.redis.set(key, '1', 'PX', Math.max(1, Math.round(ttlMs)) + 60_000, 'NX');
  return set === 'OK';
}
