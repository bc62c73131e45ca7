import type { Redis } from 'ioredis';
import { type AccountKeys, accountKeys } from './keys.ts';
import { LuaScript } from './LuaScript.ts';

/**
 * The account-wide spacing guard: lets an order request out only when at least `intervalMs` have passed since the
 * last one, by any process. BullMQ's limiter spaces job STARTS; the request itself leaves after work of varying
 * length (a quote query first), so two requests can come closer than the starts were. This guard sits right before
 * the request and closes that gap. The order worker stamps it again when the request is sent and when its answer
 * is back (markSent), so the interval counts from the answer: the request reached the broker before its answer
 * came back, whatever the network's delays.
 *
 * The check and the stamp happen in one Lua script on the Redis clock (TIME), so two processes (or two hosts with
 * skewed clocks) can never both be granted within one interval.
 * @see ../../shared/reference/libraries.md "BullMQ semantics" (fixed window; check the spacing you really get)
 */

/** Granted (and stamped at `at`, Redis clock), or how long to wait before asking again. */
export type GuardAnswer =
  | { readonly granted: true; readonly at: number }
  | { readonly granted: false; readonly waitMs: number };

const ACQUIRE = new LuaScript(
  `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local need = tonumber(ARGV[1])
if now - last >= need then
  redis.call('SET', KEYS[1], now, 'PX', tonumber(ARGV[2]))
  return {1, now}
end
return {0, need - (now - last)}`,
  1,
);

// Moves the stamp forward to now (never back): called right before the request leaves, so the next grant counts
// from the send itself, not from the grant (work between the two varies in length).
const MARK_SENT = new LuaScript(
  `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if now > last then redis.call('SET', KEYS[1], now, 'PX', tonumber(ARGV[1])) end
return now`,
  1,
);

/** The spacing guard of one account (see the module comment). */
export class SpacingGuard {
  readonly keys: AccountKeys;

  constructor(
    private readonly redis: Redis,
    readonly accountId: string,
    /** Smallest time between two order requests, ms. */
    readonly intervalMs: number,
  ) {
    if (!Number.isSafeInteger(intervalMs) || intervalMs < 0)
      throw new RangeError(`interval must be whole ms >= 0: ${intervalMs}`);
    this.keys = accountKeys(accountId);
  }

  /** Grants (and stamps) now if the interval has passed since the last grant; otherwise says how long to wait. */
  async tryAcquire(): Promise<GuardAnswer> {
    const res = (await ACQUIRE.run(this.redis, [this.keys.lastOrderAt], [this.intervalMs, this.ttlMs()])) as [
      number,
      number,
    ];
    return res[0] === 1
      ? { granted: true, at: Number(res[1]) }
      : { granted: false, waitMs: Math.max(1, Number(res[1])) };
  }

  /**
   * Stamps the moment the granted request actually leaves (call it right before sending). The next grant then
   * waits a full interval from here, so the ledger work done between the grant and the send cannot shorten a gap.
   */
  async markSent(): Promise<number> {
    return Number(await MARK_SENT.run(this.redis, [this.keys.lastOrderAt], [this.ttlMs()]));
  }

  /** Epoch ms (Redis clock) of the last grant or send, or undefined. */
  async lastGrantAt(): Promise<number | undefined> {
    const v = await this.redis.get(this.keys.lastOrderAt);
    return v === null ? undefined : Number(v);
  }

  /** The stamp outlives any interval by far; it expires only so an idle account leaves nothing behind. */
  private ttlMs(): number {
    return Math.max(60_000, this.intervalMs * 10);
  }
}
