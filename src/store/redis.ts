import { Redis, type RedisOptions } from 'ioredis';

/** What a connection is for: BullMQ workers need commands that wait forever instead of failing after retries. */
export type RedisRole = 'commands' | 'worker';

/**
 * Opens an ioredis connection to `url` (e.g. REDIS_URL). For BullMQ workers (`role: 'worker'`)
 * `maxRetriesPerRequest` is null, as BullMQ requires for its blocking commands; plain command connections keep
 * ioredis' default so a Redis outage surfaces as an error instead of hanging a request.
 * @see ../../shared/reference/libraries.md "BullMQ semantics" (worker connections need maxRetriesPerRequest: null)
 */
export function createRedis(
  url: string,
  role: RedisRole = 'commands',
  extra: Omit<RedisOptions, 'replyMapping'> = {},
): Redis {
  const options: Omit<RedisOptions, 'replyMapping'> = { ...extra };
  if (role === 'worker') options.maxRetriesPerRequest = null;
  return new Redis(url, options);
}

/**
 * Deletes every key under `prefix` (SCAN, never KEYS). For tests and for wiping one account; `prefix` must be
 * non-trivial so a slip cannot wipe the whole server.
 */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  if (prefix.length < 4 || prefix.includes('*'))
    throw new RangeError(`refusing to delete with prefix ${JSON.stringify(prefix)}`);
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (batch.length > 0) deleted += await redis.unlink(...batch);
  } while (cursor !== '0');
  return deleted;
}
