import type { Redis } from 'ioredis';
import { accountKeys, controlQueueName, orderQueueName } from '../store/keys.ts';
import { deleteKeysWithPrefix } from '../store/redis.ts';

/** What a BullMQ key prefix may look like here (SCAN patterns treat `*?[]\` as wildcards). */
const BULL_PREFIX_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Deletes everything one account keeps in Redis: its keys under `rb:{accountId}:` (ledger, plans, events, flags)
 * and the keys of its two BullMQ queues (`{bullPrefix}:orders-{accountId}:` and `{bullPrefix}:control-{accountId}:`),
 * and nothing else: the trailing `:` keeps `acct` from matching `acct-2`. Returns the number of keys deleted.
 *
 * Only for an account nobody will use again, after its engine has stopped: the in-process paper account of a run
 * that has ended (its exchange is gone, so its ledger describes orders that no longer exist anywhere). Throws
 * InvalidIdError / RangeError for an id or prefix that could widen the match; nothing is deleted then.
 */
export async function discardAccountState(redis: Redis, accountId: string, bullPrefix: string): Promise<number> {
  const keys = accountKeys(accountId);
  if (!BULL_PREFIX_PATTERN.test(bullPrefix)) {
    throw new RangeError(`BullMQ prefix must be 1-64 characters of A-Z a-z 0-9 _ -: ${JSON.stringify(bullPrefix)}`);
  }
  let deleted = await deleteKeysWithPrefix(redis, keys.prefix);
  for (const queue of [orderQueueName(accountId), controlQueueName(accountId)]) {
    deleted += await deleteKeysWithPrefix(redis, `${bullPrefix}:${queue}:`);
  }
  return deleted;
}
