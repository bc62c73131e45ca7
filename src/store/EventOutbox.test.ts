import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openTestRedis, REDIS_URL } from '../../test/kit/openTestRedis.ts';
import { testAccountId } from '../../test/kit/testAccountId.ts';
import { EventOutbox } from './EventOutbox.ts';
import { createRedis } from './redis.ts';

let acct: string;
let env: ReturnType<typeof openTestRedis>;

beforeEach(() => {
  acct = testAccountId();
  env = openTestRedis(acct);
});
afterEach(async () => env.cleanup());

describe('EventOutbox', () => {
  test('reads events in order, after a given id', async () => {
    const box = new EventOutbox(env.redis, acct);
    const first = await box.append({ type: 'plan-approved', planId: 'p1' });
    await box.append({ type: 'phase-started', planId: 'p1', side: 'sell' });
    await box.append({ type: 'plan-done', planId: 'p1' });
    const all = await box.read();
    expect(all.map((e) => e.event.type)).toEqual(['plan-approved', 'phase-started', 'plan-done']);
    expect((await box.read(first)).map((e) => e.event.type)).toEqual(['phase-started', 'plan-done']);
    expect((await box.latest(1))[0]?.event).toEqual({ type: 'plan-done', planId: 'p1' });
    expect(all[0]?.at).toBeGreaterThan(0);
  });

  test('keeps about `cap` events, dropping the oldest', async () => {
    const box = new EventOutbox(env.redis, acct, 10);
    for (let i = 0; i < 600; i++) await box.append({ type: 'resumed', planId: `p${i}` });
    const len = await box.length();
    expect(len).toBeGreaterThanOrEqual(10);
    expect(len).toBeLessThan(600);
    expect((await box.latest(1))[0]?.event).toEqual({ type: 'resumed', planId: 'p599' });
  });

  test('a blocked reader wakes up for a new event', async () => {
    const box = new EventOutbox(env.redis, acct);
    const blocking = createRedis(REDIS_URL);
    try {
      const waiting = box.waitFor(blocking, '$', 5_000);
      await new Promise((r) => setTimeout(r, 50));
      await box.append({ type: 'plan-done', planId: 'p9' });
      expect((await waiting).map((e) => e.event)).toEqual([{ type: 'plan-done', planId: 'p9' }]);
    } finally {
      blocking.disconnect();
    }
  });
});
