import type { Redis } from 'ioredis';

/**
 * What the Redis server says about its persistence, read at start (CONFIG GET, read-only: nothing is changed).
 *
 * The ledger is the engine's memory of what it sent. With the append-only file at `appendfsync everysec` (Redis's
 * default when AOF is on) a host crash can lose the last second of writes, and the ledger comes back earlier than
 * the broker: a record `queued` whose order exists. The engine attaches an accepted answer to such a record
 * (jobs/attachAcceptedOrder.ts), but a crash of the host loses the engine's memory of that answer too. Run Redis
 * with `appendonly yes` and `appendfsync always` (docker-compose.yml): a few writes per order, no measurable cost.
 * @see https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/
 */
export interface PersistenceReport {
  /**
   * `durable`: AOF on with `appendfsync always`; `may-lose-writes`: AOF on with another fsync policy (the last
   * second or more can be lost); `no-aof`: AOF off (only snapshots, if any: minutes can be lost); `unknown`: the
   * server refused CONFIG (a managed Redis often does) or answered something unreadable.
   */
  readonly verdict: 'durable' | 'may-lose-writes' | 'no-aof' | 'unknown';
  /** `appendonly` as the server reported it (`yes` / `no`), when it did. */
  readonly appendonly?: string;
  /** `appendfsync` as the server reported it (`always` / `everysec` / `no`), when it did. */
  readonly appendfsync?: string;
  /** The server's refusal, for `unknown`. */
  readonly error?: string;
}

/** Reads `appendonly` and `appendfsync` (CONFIG GET) and judges them. Never throws and never changes a setting. */
export async function checkRedisPersistence(redis: Redis): Promise<PersistenceReport> {
  let appendonly: string | undefined;
  let appendfsync: string | undefined;
  try {
    appendonly = configValue(await redis.config('GET', 'appendonly'), 'appendonly');
    appendfsync = configValue(await redis.config('GET', 'appendfsync'), 'appendfsync');
  } catch (err) {
    return { verdict: 'unknown', error: err instanceof Error ? err.message : String(err) };
  }
  const read = {
    ...(appendonly !== undefined ? { appendonly } : {}),
    ...(appendfsync !== undefined ? { appendfsync } : {}),
  };
  return { verdict: judgePersistence(appendonly, appendfsync), ...read };
}

/** The verdict for these two settings (see PersistenceReport.verdict). */
export function judgePersistence(
  appendonly: string | undefined,
  appendfsync: string | undefined,
): PersistenceReport['verdict'] {
  if (appendonly === undefined) return 'unknown';
  if (appendonly.toLowerCase() !== 'yes') return 'no-aof';
  if (appendfsync === undefined) return 'unknown';
  return appendfsync.toLowerCase() === 'always' ? 'durable' : 'may-lose-writes';
}

/** CONFIG GET answers `[name, value]` (RESP2) or `{ name: value }` (RESP3). */
function configValue(reply: unknown, name: string): string | undefined {
  if (Array.isArray(reply)) {
    const i = reply.findIndex((v) => String(v).toLowerCase() === name);
    const v = i >= 0 ? reply[i + 1] : undefined;
    return typeof v === 'string' ? v : undefined;
  }
  if (reply !== null && typeof reply === 'object') {
    const v = (reply as Record<string, unknown>)[name];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}
