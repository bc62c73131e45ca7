import type { Redis } from 'ioredis';
import type { StoredEvent } from '../domain/EngineEvent.ts';
import type { Side, StockCode } from '../domain/types.ts';
import { EventOutbox } from '../store/EventOutbox.ts';
import { OrderLedger } from '../store/OrderLedger.ts';
import { PlanStore } from '../store/PlanStore.ts';
import { compareStreamIds, RelayCursorStore } from '../store/RelayCursorStore.ts';
import { createRedis } from '../store/redis.ts';

export { compareStreamIds };

/**
 * What the notification relay (bot/relay) reads, as values: the account's events after a cursor, waiting for new
 * ones on a connection of its own; each chat's cursor (the last event Telegram accepted for it); and a leg's fill
 * progress for fill notices. Keeps bot/ off src/store and jobs/.
 */
export interface NotificationFeed {
  /** Id of the newest event, or '0-0' when there is none. */
  latestId(): Promise<string>;
  /** Waits up to `blockMs` for events after `afterId` (on the blocking connection). */
  waitFor(afterId: string, blockMs: number, count?: number): Promise<StoredEvent[]>;
  cursors(chatIds: readonly number[]): Promise<Map<number, string | undefined>>;
  /** Moves a chat's cursor forward to `eventId` (never back). */
  advance(chatId: number, eventId: string): Promise<void>;
  /** Shares filled so far against the leg's planned quantity (undefined when the leg is unknown). */
  legProgress(planId: string, side: Side, code: StockCode): Promise<{ filled: number; planned: number } | undefined>;
  /** Closes the blocking connection (a waitFor in progress rejects). */
  close(): void;
}

/** How the feed gets its blocking connection: from a URL, or a factory (tests: a proxy they control). */
export interface NotificationFeedOptions {
  readonly redis: Redis;
  readonly accountId: string;
  readonly redisUrl?: string;
  readonly connect?: () => Redis;
}

/**
 * The feed of one account. It opens its own blocking connection (XREAD BLOCK holds it) from `connect` or
 * `redisUrl`, waiting for Redis to come back rather than failing; `redis` serves everything else.
 */
export function openNotificationFeed(options: NotificationFeedOptions): NotificationFeed {
  const { redis, accountId } = options;
  const blocking = options.connect
    ? options.connect()
    : options.redisUrl !== undefined
      ? createRedis(options.redisUrl, 'worker')
      : undefined;
  if (!blocking) throw new TypeError('openNotificationFeed needs redisUrl or connect');
  const outbox = new EventOutbox(redis, accountId);
  const cursors = new RelayCursorStore(redis, accountId);
  const ledger = new OrderLedger(redis, accountId);
  const plans = new PlanStore(redis, accountId);
  return {
    latestId: async () => (await outbox.latest(1))[0]?.id ?? '0-0',
    waitFor: (afterId, blockMs, count = 100) => outbox.waitFor(blocking, afterId, blockMs, count),
    cursors: (chatIds) => cursors.get(chatIds),
    advance: async (chatId, eventId) => {
      await cursors.advance(chatId, eventId);
    },
    legProgress: async (planId, side, code) => {
      const leg = (await plans.getLegs(planId, side)).find((l) => l.code === code);
      if (!leg) return undefined;
      const records = await ledger.listLeg(planId, side, code);
      return { filled: records.reduce((sum, r) => sum + r.filledQty, 0), planned: leg.qty };
    },
    close: () => blocking.disconnect(),
  };
}
