import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis, deleteKeysWithPrefix } from '../../src/store/redis.ts';

/** Redis of the tests (a real server; every test uses its own account id and cleans up after itself). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh account id nobody else uses (also the BullMQ prefix suffix of that test). */
export function testAccountId(): string {
  return `t${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** Opens a connection; `cleanup` deletes the account's keys and its BullMQ keys, then disconnects. */
export function openTestRedis(accountId: string): { redis: Redis; prefix: string; cleanup: () => Promise<void> } {
  const redis = createRedis(REDIS_URL);
  const prefix = `test-${accountId}`;
  return {
    redis,
    prefix,
    cleanup: async () => {
      await deleteKeysWithPrefix(redis, `rb:${accountId}:`);
      await deleteKeysWithPrefix(redis, `${prefix}:`);
      redis.disconnect();
    },
  };
}
