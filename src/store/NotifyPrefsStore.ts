import type { Redis } from 'ioredis';
import { accountKeys } from './keys.ts';

/**
 * The owner's notification preferences of one account: a Redis hash `rb:{acct}:notify` of kind -> level. Stores
 * strings as given; what a kind or a level may be is decided by src/app/notifyPrefs.ts before anything is written.
 */
export class NotifyPrefsStore {
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    readonly accountId: string,
  ) {
    this.key = `${accountKeys(accountId).prefix}notify`;
  }

  /** Every stored kind -> level. */
  async getAll(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.key);
  }

  /** Sets one kind's level; returns the level stored before (undefined when none was). */
  async set(kind: string, level: string): Promise<string | undefined> {
    const before = (await this.redis.eval(SET_SCRIPT, 1, this.key, kind, level)) as string | null;
    return before ?? undefined;
  }
}

// Read and write in one step, so "before" is what this write replaced even when two presses race.
const SET_SCRIPT = `
local before = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return before
`;
