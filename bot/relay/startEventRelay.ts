import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { compareStreamIds, type NotificationFeed, openNotificationFeed } from '../../src/app/notificationFeed.ts';
import { getNotifyPrefs, notifyKindOf } from '../../src/app/notifyPrefs.ts';
import type { BotMode } from '../render/modeMark.ts';
import { SenderClosedError } from '../send/errors/SenderClosedError.ts';
import { TelegramRefusedError } from '../send/errors/TelegramRefusedError.ts';
import type { TelegramSender } from '../send/TelegramSender.ts';
import { composeMessages, isMergeable, type RelayItem, type RelayMessage } from './composeMessages.ts';

export interface EventRelayOptions {
  /** Redis for everything but the blocking read. */
  readonly redis: Redis;
  /** The blocking read's own connection: from this URL, or from `connect` (one of the two). */
  readonly redisUrl?: string;
  readonly connect?: () => Redis;
  readonly accountId: string;
  readonly sender: Pick<TelegramSender, 'sendText'>;
  /** Every chat that gets pushes. */
  readonly chatIds: readonly number[];
  readonly mode: BotMode;
  readonly logger: Logger;
  /** Placements and fills arriving within this window of the first go out as one message (default 3 s). */
  readonly mergeWindowMs?: number;
  /** Longest single wait for new events (default 2 s; only bounds how soon a stop is noticed without a disconnect). */
  readonly blockMs?: number;
  /** How long stop() waits for a message in flight before returning anyway (default 5 s). */
  readonly stopTimeoutMs?: number;
}

export interface EventRelay {
  /** Stops reading; a message in flight is let finish (up to stopTimeoutMs). Idempotent. */
  stop(): Promise<void>;
  /** Resolves when every chat's cursor is at or past `eventId` (tests and graceful shutdowns). */
  delivered(eventId: string): Promise<void>;
}

/**
 * The notification relay: reads the engine's outbox on its own blocking connection and pushes every event, in
 * Korean and marked with the mode, to every chat, through the one sender with `retryForever`. The owner's
 * preferences decide per kind: on, silent (no sound) or off (alerts and rejections are never off). Order traffic
 * arriving within `mergeWindowMs` is merged into one message.
 *
 * Delivery: each chat has a cursor in Redis (the last event Telegram accepted for it), moved only after the
 * message was accepted, so a restart re-reads from there: no event is lost, and at most the message in flight at a
 * crash repeats. A chat without a cursor (first start) starts at the newest event: old history is not replayed.
 * A message Telegram refuses for good (400/403) is logged and passed over, or it would block the chat forever.
 */
export async function startEventRelay(options: EventRelayOptions): Promise<EventRelay> {
  const { logger, chatIds, mode } = options;
  const mergeWindowMs = options.mergeWindowMs ?? 3_000;
  const blockMs = options.blockMs ?? 2_000;
  const feed: NotificationFeed = openNotificationFeed({
    redis: options.redis,
    accountId: options.accountId,
    ...(options.redisUrl !== undefined ? { redisUrl: options.redisUrl } : {}),
    ...(options.connect ? { connect: options.connect } : {}),
  });

  const cursors = new Map<number, string>();
  try {
    const stored = await feed.cursors(chatIds);
    const start = await feed.latestId();
    for (const chatId of chatIds) {
      const cursor = stored.get(chatId);
      if (cursor === undefined) await feed.advance(chatId, start);
      cursors.set(chatId, cursor ?? start);
    }
  } catch (err) {
    feed.close();
    throw err;
  }

  let stopping = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };

  const deliver = async (items: RelayItem[]): Promise<void> => {
    const { messages, lastId } = composeMessages(items, mode);
    for (const message of messages) await Promise.all(chatIds.map((chatId) => sendTo(chatId, message)));
    if (lastId !== undefined) for (const chatId of chatIds) await moveCursor(chatId, lastId);
  };

  const sendTo = async (chatId: number, message: RelayMessage): Promise<void> => {
    if (compareStreamIds(cursors.get(chatId) ?? '0-0', message.lastEventId) >= 0) return;
    try {
      await options.sender.sendText(chatId, message.text, { html: true, silent: message.silent, retryForever: true });
    } catch (err) {
      if (!(err instanceof TelegramRefusedError)) throw err;
      logger.error(
        { chatId, code: err.code, description: err.description, eventId: message.lastEventId },
        'telegram refused a notification; passing over it',
      );
    }
    await moveCursor(chatId, message.lastEventId);
  };

  const moveCursor = async (chatId: number, eventId: string): Promise<void> => {
    if (compareStreamIds(cursors.get(chatId) ?? '0-0', eventId) >= 0) return;
    await feed.advance(chatId, eventId);
    cursors.set(chatId, eventId);
    notify();
  };

  const withProgress = async (item: RelayItem): Promise<RelayItem> => {
    if (item.event.type !== 'fill' || item.level === 'off') return item;
    const progress = await feed.legProgress(item.event.planId, item.event.side, item.event.code).catch(() => undefined);
    return progress ? { ...item, progress } : item;
  };

  const loop = (async () => {
    let readFrom = [...cursors.values()].reduce(
      (min, c) => (compareStreamIds(c, min) < 0 ? c : min),
      '9999999999999-0',
    );
    if (cursors.size === 0) readFrom = await feed.latestId();
    let held: RelayItem[] = [];
    let heldSince = 0;
    while (!stopping) {
      try {
        const wait = held.length > 0 ? Math.max(1, Math.ceil(heldSince + mergeWindowMs - Date.now())) : blockMs;
        const batch = await feed.waitFor(readFrom, wait);
        if (stopping) break;
        const prefs = batch.length > 0 ? await getNotifyPrefs(options.redis, options.accountId) : undefined;
        for (const stored of batch) {
          readFrom = stored.id;
          const item: RelayItem = { id: stored.id, event: stored.event, level: prefs![notifyKindOf(stored.event)] };
          if (isMergeable(stored.event)) {
            if (held.length === 0) heldSince = Date.now();
            held.push(await withProgress(item));
          } else {
            if (held.length > 0) await deliver(held.splice(0));
            await deliver([item]);
          }
        }
        if (held.length > 0 && Date.now() >= heldSince + mergeWindowMs) await deliver(held.splice(0));
      } catch (err) {
        if (stopping || err instanceof SenderClosedError) break;
        logger.error(
          { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
          'relay read failed; retrying',
        );
        // What was held but not delivered is read again from the cursors.
        held = [];
        readFrom = [...cursors.values()].reduce((min, c) => (compareStreamIds(c, min) < 0 ? c : min), readFrom);
        await sleep(1_000);
      }
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    stop: () => {
      stopped ??= (async () => {
        stopping = true;
        feed.close();
        await Promise.race([loop, sleep(options.stopTimeoutMs ?? 5_000)]);
      })();
      return stopped;
    },
    delivered: (eventId) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if ([...cursors.values()].every((c) => compareStreamIds(c, eventId) >= 0)) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
      }),
  };
}
