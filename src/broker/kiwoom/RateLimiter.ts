import type { Clock } from './Clock.ts';

/** Kiwoom counts orders and queries separately; each group gets its own spacing. */
export type RateGroup = 'orders' | 'queries';

/** Requests per second each group may start; `Infinity` disables spacing for that group. */
export interface RateLimits {
  readonly ordersPerSecond: number;
  readonly queriesPerSecond: number;
}

/**
 * Client-side pacing so the client itself never trips the broker's limit. Spacing, not a fixed window: every start
 * in a group is at least 1000/rate ms after the previous one, so no burst can straddle a window edge (the broker's
 * window boundaries are not published). Slots are reserved in call order, so concurrent callers queue fairly.
 * @see shared/reference/kiwoom-rest.md "Rate limits"
 */
export class RateLimiter {
  private readonly gapMs: Record<RateGroup, number>;
  private readonly nextFree: Record<RateGroup, number> = { orders: 0, queries: 0 };

  constructor(
    limits: RateLimits,
    private readonly clock: Clock,
  ) {
    this.gapMs = {
      orders: gapOf(limits.ordersPerSecond, 'ordersPerSecond'),
      queries: gapOf(limits.queriesPerSecond, 'queriesPerSecond'),
    };
  }

  /**
   * Waits until this group may start a request, and takes that slot. With `maxWaitMs`, a wait longer than that is
   * not started: nothing is reserved and the answer is the wait it would have been (ms); otherwise undefined.
   */
  async acquire(group: RateGroup, maxWaitMs = Number.POSITIVE_INFINITY): Promise<number | undefined> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextFree[group]);
    if (slot - now > maxWaitMs) return slot - now;
    this.nextFree[group] = slot + this.gapMs[group];
    if (slot > now) await this.clock.sleep(slot - now);
    return undefined;
  }

  /** Holds the group's next start back to at least `ms` from now (after the broker answered "too many requests"). */
  pause(group: RateGroup, ms: number): void {
    this.nextFree[group] = Math.max(this.nextFree[group], this.clock.now() + ms);
  }
}

function gapOf(perSecond: number, name: string): number {
  if (!(perSecond > 0)) throw new RangeError(`${name} must be a positive number of requests per second`);
  return perSecond === Number.POSITIVE_INFINITY ? 0 : 1000 / perSecond;
}
