import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { createRedis, deleteKeysWithPrefix } from '../../src/store/redis.ts';

/** Redis of the tests (a real server; every test uses its own account id and cleans up after itself). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh account id nobody else uses (also the BullMQ prefix suffix of that test). */
export function testAccountId(): string {
  return `t${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/**
 * Deletes every key under `prefixes`, then looks again after `settleMs` and deletes what a write still in flight
 * (an event pushed by a job finishing as its worker closed) created meanwhile, up to `rounds` times. Throws naming
 * the keys when some keep coming back, so a test that leaks keys fails instead of leaving them in Redis.
 */
export async function sweepKeys(
  redis: Redis,
  prefixes: readonly string[],
  options: { readonly settleMs?: number; readonly rounds?: number } = {},
): Promise<void> {
  const settleMs = options.settleMs ?? 0;
  const rounds = options.rounds ?? 5;
  for (let round = 0; round < rounds; round++) {
    let deleted = 0;
    for (const p of prefixes) deleted += await deleteKeysWithPrefix(redis, p);
    if (round > 0 && deleted === 0) return;
    if (settleMs > 0) await sleep(settleMs);
    else if (round === 0) return;
  }
  const left: string[] = [];
  for (const p of prefixes) left.push(...(await redis.keys(`${p}*`)));
  if (left.length > 0) throw new Error(`test keys keep coming back after cleanup: ${left.slice(0, 10).join(', ')}`);
}

/** Runs every step in turn, even after one fails; then throws the first failure, if any (cleanups). */
export async function allSteps(steps: ReadonlyArray<() => Promise<unknown>>): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length > 0) throw failures[0];
}

/**
 * Opens a connection; `cleanup` deletes the account's keys and its BullMQ keys (see sweepKeys; pass `settleMs` when
 * workers or engines ran on the account), then disconnects, even when the sweep fails.
 */
export function openTestRedis(
  accountId: string,
  options: { readonly settleMs?: number } = {},
): { redis: Redis; prefix: string; cleanup: () => Promise<void> } {
  const redis = createRedis(REDIS_URL);
  const prefix = `test-${accountId}`;
  return {
    redis,
    prefix,
    cleanup: async () => {
      try {
        await sweepKeys(redis, [`rb:${accountId}:`, `${prefix}:`], options);
      } finally {
        redis.disconnect();
      }
    },
  };
}
