import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { deleteKeysWithPrefix } from '../../src/store/redis.ts';

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
