import type { Redis } from 'ioredis';
import { type AccountSettings, accountSettingsSchema } from '../schemas/accountSettingsSchema.ts';
import { accountKeys } from './keys.ts';
import { LuaScript } from './LuaScript.ts';

/** The stored settings of an account and their revision (0 = never stored). */
export interface StoredSettings {
  readonly settings: AccountSettings;
  readonly rev: number;
}

// KEYS[1] settings hash; ARGV: expected rev, new JSON. Writes only when nobody changed them since they were read.
const CAS = new LuaScript(
  `local rev = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if rev ~= tonumber(ARGV[1]) then return -1 end
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'rev', rev + 1)
return rev + 1`,
  1,
);

/**
 * The owner's settings of one account in Redis (`rb:{acct}:settings`, a hash of the JSON and a revision number):
 * they survive restarts, and every write is a compare-and-set on the revision so two changes at once cannot lose
 * one. What is read back is validated again; a stored value that no longer parses is refused, not used.
 */
export class SettingsStore {
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    readonly accountId: string,
  ) {
    this.key = `${accountKeys(accountId).prefix}settings`;
  }

  /** The stored settings, or undefined when none were ever stored. Throws when the stored JSON is invalid. */
  async get(): Promise<StoredSettings | undefined> {
    const [json, rev] = await this.redis.hmget(this.key, 'json', 'rev');
    if (json === null || json === undefined || rev === null || rev === undefined) return undefined;
    return { settings: accountSettingsSchema.parse(JSON.parse(json)), rev: Number(rev) };
  }

  /** Writes `settings` if the revision is still `expectedRev`; returns the new revision, or undefined if it moved. */
  async compareAndSet(expectedRev: number, settings: AccountSettings): Promise<number | undefined> {
    const valid = accountSettingsSchema.parse(settings);
    const res = Number(await CAS.run(this.redis, [this.key], [String(expectedRev), JSON.stringify(valid)]));
    return res < 0 ? undefined : res;
  }
}
