import { createRedis } from '../store/redis.ts';

/**
 * Checks once, quickly, whether a Redis server answers at `url`: connects with no retries and sends PING. Resolves
 * with undefined when it answered, otherwise with a one-line reason (e.g. `connect ECONNREFUSED 127.0.0.1:6379`).
 * Never throws. An entry point calls it first so that a missing Redis is one clear line, instead of ioredis
 * retrying for ever and printing its errors.
 */
export async function redisUnreachable(url: string, timeoutMs = 2_000): Promise<string | undefined> {
  let redis: ReturnType<typeof createRedis>;
  try {
    redis = createRedis(url, 'commands', {
      lazyConnect: true,
      connectTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
  } catch (err) {
    return oneLine(err);
  }
  // ioredis reports the cause on 'error' and rejects connect() with a bare "Connection is closed.".
  let cause: unknown;
  redis.on('error', (err: unknown) => {
    cause ??= err;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        await redis.connect();
        await redis.ping();
      })(),
      timeout,
    ]);
    return undefined;
  } catch (err) {
    return oneLine(cause ?? err);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

/**
 * Where a Redis URL points, for messages: `host:port` (default port 6379), never the user name or password it may
 * carry. `the configured address` when it cannot be parsed.
 */
export function redisLocation(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port === '' ? '6379' : u.port}`;
  } catch {
    return 'the configured address';
  }
}

function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]?.trim() || 'unknown error';
}
