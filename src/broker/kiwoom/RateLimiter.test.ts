import { describe, expect, test } from 'vitest';
import { FakeClock } from '../../../test/kit/FakeClock.ts';
import { type RateGroup, RateLimiter } from './RateLimiter.ts';

function startTimes(limiter: RateLimiter, clock: FakeClock, group: RateGroup, n: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i < n; i += 1) {
    void limiter.acquire(group).then(() => starts.push(clock.now()));
  }
  return starts;
}

describe('RateLimiter', () => {
  test('spaces concurrent starts of one group by 1000/rate ms', async () => {
    const clock = new FakeClock(1_000);
    const limiter = new RateLimiter({ ordersPerSecond: 5, queriesPerSecond: 5 }, clock);
    const starts = startTimes(limiter, clock, 'queries', 5);
    await clock.advance(2_000);
    expect(starts).toEqual([1_000, 1_200, 1_400, 1_600, 1_800]);
  });

  test('never lets two starts come closer than the gap, however the calls are timed', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ordersPerSecond: 1, queriesPerSecond: 10 }, clock);
    const starts: number[] = [];
    const go = () => limiter.acquire('orders').then(() => starts.push(clock.now()));
    void go();
    await clock.advance(999);
    void go();
    void go();
    await clock.advance(1_500);
    void go();
    await clock.advance(5_000);
    expect(starts).toEqual([0, 1_000, 2_000, 3_000]);
  });

  test('lets a request through at once when the group has been idle', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ordersPerSecond: 1, queriesPerSecond: 1 }, clock);
    await limiter.acquire('orders');
    await clock.advance(10_000);
    let started = false;
    void limiter.acquire('orders').then(() => {
      started = true;
    });
    await clock.advance(0);
    expect(started).toBe(true);
  });

  test('with maxWaitMs, a longer wait is not started and reserves nothing; a shorter one is taken', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ordersPerSecond: 1, queriesPerSecond: 1 }, clock);
    limiter.pause('orders', 120_000);
    expect(await limiter.acquire('orders', 1_000)).toBe(120_000);
    await clock.advance(119_500);
    // Refused calls reserved nothing: the next start is where the pause ends, not after it.
    let waited: number | undefined = -1;
    void limiter.acquire('orders', 1_000).then((w) => {
      waited = w;
    });
    await clock.advance(500);
    expect(waited).toBeUndefined();
    expect(await limiter.acquire('orders', 999)).toBe(1_000);
  });

  test('keeps the groups independent', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ordersPerSecond: 1, queriesPerSecond: 1 }, clock);
    const orders = startTimes(limiter, clock, 'orders', 2);
    const queries = startTimes(limiter, clock, 'queries', 2);
    await clock.advance(1_000);
    expect(orders).toEqual([0, 1_000]);
    expect(queries).toEqual([0, 1_000]);
  });

  test('holds a group back after pause', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ordersPerSecond: 10, queriesPerSecond: 10 }, clock);
    limiter.pause('queries', 3_000);
    const starts = startTimes(limiter, clock, 'queries', 2);
    await clock.advance(5_000);
    expect(starts).toEqual([3_000, 3_100]);
  });

  test('does not space at all with an infinite rate', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ordersPerSecond: Number.POSITIVE_INFINITY, queriesPerSecond: 1 }, clock);
    const starts = startTimes(limiter, clock, 'orders', 3);
    await clock.advance(0);
    expect(starts).toEqual([0, 0, 0]);
  });

  test.each([[0], [-1], [Number.NaN]])('refuses a rate of %d', (rate) => {
    expect(() => new RateLimiter({ ordersPerSecond: rate, queriesPerSecond: 1 }, new FakeClock())).toThrow(RangeError);
  });
});
