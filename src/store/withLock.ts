import type { Redis } from 'ioredis';
import { LedgerConflictError } from './errors/LedgerConflictError.ts';
import { LuaScript } from './LuaScript.ts';

// KEYS: lock. ARGV: holder's token. Deletes the lock only for its holder (a lease that ran out may be someone's now).
const RELEASE = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  1,
);

/**
 * Runs `fn` holding the lock at `key` (SET NX with a lease of `leaseMs`; released only by its holder). Waits for a
 * lock held by another for up to two leases, then gives up with LedgerConflictError (`what` names it).
 */
export async function withLock<T>(
  redis: Redis,
  key: string,
  what: string,
  fn: () => Promise<T>,
  leaseMs: number,
): Promise<T> {
  const token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const giveUpAt = Date.now() + leaseMs * 2;
  while ((await redis.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') {
    if (Date.now() > giveUpAt) throw new LedgerConflictError(`${what} stayed locked`);
    await new Promise((r) => setTimeout(r, 10));
  }
  try {
    return await fn();
  } finally {
    await RELEASE.run(redis, [key], [token]);
  }
}
