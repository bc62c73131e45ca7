import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openTestRedis, REDIS_URL } from '../../test/kit/openTestRedis.ts';
import { testAccountId } from '../../test/kit/testAccountId.ts';
import { createRedis } from './redis.ts';
import { SpacingGuard } from './SpacingGuard.ts';

let acct: string;
let env: ReturnType<typeof openTestRedis>;

beforeEach(() => {
  acct = testAccountId();
  env = openTestRedis(acct);
});
afterEach(async () => env.cleanup());

describe('SpacingGuard', () => {
  test('grants one request per interval, however many processes ask at once', async () => {
    const other = createRedis(REDIS_URL);
    try {
      const a = new SpacingGuard(env.redis, acct, 1_000);
      const b = new SpacingGuard(other, acct, 1_000);
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).tryAcquire()));
      expect(answers.filter((x) => x.granted)).toHaveLength(1);
      for (const x of answers) if (!x.granted) expect(x.waitMs).toBeLessThanOrEqual(1_000);
    } finally {
      other.disconnect();
    }
  });

  test('grants again once the interval has passed since the last grant', async () => {
    const g = new SpacingGuard(env.redis, acct, 60);
    const first = await g.tryAcquire();
    const second = await g.tryAcquire();
    expect(first.granted).toBe(true);
    expect(second.granted).toBe(false);
    const wait = second.granted ? 0 : second.waitMs;
    await new Promise((r) => setTimeout(r, wait + 5));
    const third = await g.tryAcquire();
    expect(third.granted).toBe(true);
    if (first.granted && third.granted) expect(third.at - first.at).toBeGreaterThanOrEqual(60);
  });
});
