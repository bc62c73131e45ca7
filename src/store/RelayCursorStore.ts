import type { Redis } from 'ioredis';
import { accountKeys } from './keys.ts';

/**
 * Where the notification relay stands per chat: a Redis hash `rb:{acct}:relay:cursor` of chat id -> the id of the
 * last outbox event Telegram accepted for that chat. It only moves forward (compared as stream ids in Lua), so a
 * late write of an older id can never make a chat receive events again.
 */
export class RelayCursorStore {
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    readonly accountId: string,
  ) {
    this.key = `${accountKeys(accountId).prefix}relay:cursor`;
  }

  /** The cursors of `chatIds` (undefined for a chat that has none yet). */
  async get(chatIds: readonly number[]): Promise<Map<number, string | undefined>> {
    const out = new Map<number, string | undefined>();
    if (chatIds.length === 0) return out;
    const values = await this.redis.hmget(this.key, ...chatIds.map(String));
    chatIds.forEach((id, i) => {
      out.set(id, values[i] ?? undefined);
    });
    return out;
  }

  /** Moves a chat's cursor to `eventId` unless it is already there or beyond; returns the cursor now stored. */
  async advance(chatId: number, eventId: string): Promise<string> {
    if (!STREAM_ID.test(eventId)) throw new RangeError(`not a stream id: ${JSON.stringify(eventId)}`);
    return (await this.redis.eval(ADVANCE_SCRIPT, 1, this.key, String(chatId), eventId)) as string;
  }
}

const STREAM_ID = /^\d+-\d+$/;

/** Compares two stream ids `ms-seq`: negative when a is before b. */
export function compareStreamIds(a: string, b: string): number {
  const [am = '0', as = '0'] = a.split('-');
  const [bm = '0', bs = '0'] = b.split('-');
  const byMs = BigInt(am) - BigInt(bm);
  if (byMs !== 0n) return byMs < 0n ? -1 : 1;
  const bySeq = BigInt(as) - BigInt(bs);
  return bySeq === 0n ? 0 : bySeq < 0n ? -1 : 1;
}

// Stream ids compared as (ms, seq) numbers: Lua numbers are doubles, exact for ms timestamps and sequence numbers.
const ADVANCE_SCRIPT = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local new = ARGV[2]
if cur then
  local cm, cs = string.match(cur, '^(%d+)-(%d+)$')
  local nm, ns = string.match(new, '^(%d+)-(%d+)$')
  cm = tonumber(cm); cs = tonumber(cs); nm = tonumber(nm); ns = tonumber(ns)
  if cm and (nm < cm or (nm == cm and ns <= cs)) then return cur end
end
redis.call('HSET', KEYS[1], ARGV[1], new)
return new
`;
