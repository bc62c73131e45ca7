import type { Redis } from 'ioredis';

/** What watchRedisOutage reports. */
export interface RedisOutageHandlers {
  /** The connection was lost (at `since`, epoch ms); called once per outage. */
  readonly onDown: (since: number, err?: unknown) => void;
  /** The connection is ready again after an outage `downMs` long. */
  readonly onUp: (downMs: number) => void;
}

/**
 * Watches a Redis connection for outages: `onDown` when a ready connection is lost, `onUp` when it is ready again.
 * Also swallows the connection's `error` events while it reconnects (ioredis reports each failed attempt; the
 * outage is reported once instead). Returns a function that stops watching.
 */
export function watchRedisOutage(redis: Redis, handlers: RedisOutageHandlers): () => void {
  let downSince: number | undefined;
  let lastError: unknown;
  // Failed attempts of a connection that was never ready are not an outage of ours (nothing ran on it yet).
  let seenReady = redis.status === 'ready';
  const onError = (err: unknown) => {
    lastError = err;
  };
  const onClose = () => {
    if (downSince !== undefined || !seenReady) return;
    downSince = Date.now();
    handlers.onDown(downSince, lastError);
  };
  const onReady = () => {
    seenReady = true;
    if (downSince === undefined) return;
    const downMs = Date.now() - downSince;
    downSince = undefined;
    lastError = undefined;
    handlers.onUp(downMs);
  };
  redis.on('error', onError);
  redis.on('close', onClose);
  redis.on('ready', onReady);
  return () => {
    redis.off('error', onError);
    redis.off('close', onClose);
    redis.off('ready', onReady);
  };
}
