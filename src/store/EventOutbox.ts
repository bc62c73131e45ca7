import type { Redis } from 'ioredis';
import type { EngineEvent, StoredEvent } from '../domain/EngineEvent.ts';
import { olderEventShapes } from '../domain/olderEventShapes.ts';
import { type AccountKeys, accountKeys } from './keys.ts';

/**
 * The account's event outbox: a Redis stream the engine appends to and the bot (or the headless runner) reads
 * from, by entry id, so a reader that was away picks up where it left off. Trimmed to about `cap` entries
 * (approximate trimming: Redis trims whole nodes, which keeps XADD O(1)).
 */
export class EventOutbox {
  readonly keys: AccountKeys;

  constructor(
    private readonly redis: Redis,
    readonly accountId: string,
    readonly cap: number = 10_000,
  ) {
    if (!Number.isSafeInteger(cap) || cap < 1) throw new RangeError(`cap must be a whole number >= 1: ${cap}`);
    this.keys = accountKeys(accountId);
  }

  /** Appends an event; returns its stream id. */
  async append(event: EngineEvent): Promise<string> {
    const id = await this.redis.xadd(this.keys.events, 'MAXLEN', '~', this.cap, '*', 'e', JSON.stringify(event));
    if (id === null) throw new Error('XADD returned no id');
    return id;
  }

  /** Up to `count` events after `afterId` ('0' or '0-0' for the start), oldest first. */
  async read(afterId = '0-0', count = 100): Promise<StoredEvent[]> {
    const start = afterId === '0' || afterId === '0-0' ? '-' : `(${afterId}`;
    const entries = await this.redis.xrange(this.keys.events, start, '+', 'COUNT', count);
    return entries.map(([id, fields]) => toStored(id, fields));
  }

  /** The newest `count` events, oldest first (for /history and status views). */
  async latest(count = 20): Promise<StoredEvent[]> {
    const entries = await this.redis.xrevrange(this.keys.events, '+', '-', 'COUNT', count);
    return entries.reverse().map(([id, fields]) => toStored(id, fields));
  }

  /**
   * Waits up to `blockMs` for events after `afterId` (XREAD BLOCK). Blocking ties up the connection, so pass a
   * connection used for nothing else (`blocking`).
   */
  async waitFor(blocking: Redis, afterId: string, blockMs: number, count = 100): Promise<StoredEvent[]> {
    const res = await blocking.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.keys.events, afterId);
    if (res === null) return [];
    const out: StoredEvent[] = [];
    for (const [, entries] of res) for (const [id, fields] of entries) out.push(toStored(id, fields));
    return out;
  }

  /** Number of events kept. */
  async length(): Promise<number> {
    return this.redis.xlen(this.keys.events);
  }
}

function toStored(id: string, fields: string[]): StoredEvent {
  const i = fields.indexOf('e');
  const json = i >= 0 ? fields[i + 1] : undefined;
  const event =
    json === undefined
      ? ({ type: 'error', code: 'unreadable-event', eventId: id } as const)
      : olderEventShapes(JSON.parse(json) as Record<string, unknown>);
  return { id, at: Number(id.split('-')[0]), event };
}
