import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InvalidIdError } from '../store/errors/InvalidIdError.ts';
import { createRedis, deleteKeysWithPrefix } from '../store/redis.ts';
import { discardAccountState } from './discardAccountState.ts';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const tag = randomUUID().replaceAll('-', '').slice(0, 12);
const prefix = `test-${tag}`;
const gone = `t${tag}`;
// Shares `gone` as a prefix: must survive, as must the same account under another BullMQ prefix.
const kept = `t${tag}-2`;
const otherPrefix = `test-${tag}-other`;

async function keysMatching(pattern: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    out.push(...batch);
  } while (cursor !== '0');
  return out.sort();
}

async function seed(accountId: string, bullPrefix: string): Promise<void> {
  await redis.set(`rb:${accountId}:active-plan`, 'p1');
  await redis.xadd(`rb:${accountId}:events`, '*', 'e', '{}');
  for (const name of [`orders-${accountId}`, `control-${accountId}`]) {
    const queue = new Queue(name, { connection: redis, prefix: bullPrefix });
    await queue.add('x', {}, { delay: 60_000 });
    await queue.close();
  }
}

beforeAll(async () => {
  await seed(gone, prefix);
  await seed(kept, prefix);
  await seed(gone, otherPrefix);
});
afterAll(async () => {
  for (const p of [`${prefix}:`, `${otherPrefix}:`, `rb:${gone}:`, `rb:${kept}:`]) await deleteKeysWithPrefix(redis, p);
  await redis.quit();
});

describe('discardAccountState', () => {
  test('deletes the account keys and its two queues under that prefix, and nothing else', async () => {
    const keptBefore = [
      ...(await keysMatching(`rb:${kept}:*`)),
      ...(await keysMatching(`${prefix}:*${kept}:*`)),
      ...(await keysMatching(`${otherPrefix}:*`)),
    ];
    expect(await keysMatching(`${prefix}:orders-${gone}:*`)).not.toEqual([]);

    const deleted = await discardAccountState(redis, gone, prefix);

    expect(deleted).toBeGreaterThan(2);
    expect(await keysMatching(`rb:${gone}:*`)).toEqual([]);
    expect(await keysMatching(`${prefix}:orders-${gone}:*`)).toEqual([]);
    expect(await keysMatching(`${prefix}:control-${gone}:*`)).toEqual([]);
    const keptAfter = [
      ...(await keysMatching(`rb:${kept}:*`)),
      ...(await keysMatching(`${prefix}:*${kept}:*`)),
      ...(await keysMatching(`${otherPrefix}:*`)),
    ];
    expect(keptAfter).toEqual(keptBefore);
    expect(keptAfter.length).toBeGreaterThan(4);
  });

  test.each([
    ['an account id with a wildcard', 'acct*', 'rb', InvalidIdError],
    ['an account id with a colon', 'a:b', 'rb', InvalidIdError],
    ['an empty BullMQ prefix', 'acct', '', RangeError],
    ['a BullMQ prefix with a wildcard', 'acct', 'r?', RangeError],
  ])('refuses %s and deletes nothing', async (_name, accountId, bullPrefix, error) => {
    const before = await keysMatching(`*${tag}*`);
    await expect(discardAccountState(redis, accountId, bullPrefix)).rejects.toThrow(error);
    expect(await keysMatching(`*${tag}*`)).toEqual(before);
  });
});
