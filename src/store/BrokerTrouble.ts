import type { Redis } from 'ioredis';
import { accountKeys } from './keys.ts';

/**
 * Since when the broker has been failing the engine's pre-send queries (quote, token) with a retryable error, per
 * account, shared by every process: `rb:{acct}:broker-trouble` (hash: `since`, `noticed`). The order worker notes
 * each failure and clears it at the next success, so a long outage is told once (`stalled`) and its end once
 * (`recovered`), however many jobs wait on it.
 */
export class BrokerTrouble {
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    accountId: string,
  ) {
    this.key = `${accountKeys(accountId).prefix}broker-trouble`;
  }

  /**
   * Notes a failure at `now`. Returns since when the trouble lasts, and `notice: true` for the one call that finds it
   * older than `noticeMs` first (that caller tells the person).
   */
  async note(now: number, noticeMs: number): Promise<{ readonly since: number; readonly notice: boolean }> {
    const [since, notice] = (await this.redis.eval(NOTE, 1, this.key, String(now), String(noticeMs))) as [
      string,
      number,
    ];
    return { since: Number(since), notice: notice === 1 };
  }

  /** Ends the trouble (a query answered). Returns what it was, when there was one. */
  async clear(): Promise<{ readonly since: number; readonly noticed: boolean } | undefined> {
    const res = (await this.redis.eval(CLEAR, 1, this.key)) as [string, string | false] | null;
    if (res === null) return undefined;
    return { since: Number(res[0]), noticed: res[1] === '1' };
  }
}

// KEYS[1] trouble hash; ARGV now, noticeMs. Kept 1 day at most: a forgotten key must not tell of an old outage.
const NOTE = `
redis.call('HSETNX', KEYS[1], 'since', ARGV[1])
redis.call('PEXPIRE', KEYS[1], 86400000)
local since = tonumber(redis.call('HGET', KEYS[1], 'since'))
if tonumber(ARGV[1]) - since >= tonumber(ARGV[2]) and redis.call('HSETNX', KEYS[1], 'noticed', '1') == 1 then
  return {tostring(since), 1}
end
return {tostring(since), 0}
`;

const CLEAR = `
local since = redis.call('HGET', KEYS[1], 'since')
if not since then return nil end
local noticed = redis.call('HGET', KEYS[1], 'noticed')
redis.call('DEL', KEYS[1])
return {since, noticed}
`;
