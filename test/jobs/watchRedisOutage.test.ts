import { describe, expect, test } from 'vitest';
import { watchRedisOutage } from '../../jobs/watchRedisOutage.ts';
import { outageProofOptions } from '../../src/store/outageProofOptions.ts';
import { createRedis } from '../../src/store/redis.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type RedisProxy, startRedisProxy } from '../kit/RedisProxy.ts';
import { waitFor } from '../kit/waitFor.ts';

const cleanups = closeAfterEach();

describe('watchRedisOutage and the outage-proof connection options', () => {
  test('an outage is reported once when it starts and once when Redis is ready again; a command waits it out', async () => {
    const proxy: RedisProxy = await startRedisProxy();
    cleanups.push(() => proxy.close());
    const redis = createRedis(proxy.url, 'commands', outageProofOptions());
    cleanups.push(async () => redis.disconnect());
    const seen: string[] = [];
    const stop = watchRedisOutage(redis, {
      onDown: () => seen.push('down'),
      onUp: (downMs) => seen.push(`up ${downMs >= 0}`),
    });
    expect(await redis.ping()).toBe('PONG');

    await proxy.cut();
    await waitFor(() => seen.length === 1, 5_000, 'the outage reported');
    // Issued during the outage, answered after it: no "max retries" error however long it lasts.
    const during = redis.ping();
    await new Promise((r) => setTimeout(r, 1_500));
    await proxy.restore();
    expect(await during).toBe('PONG');
    await waitFor(() => seen.length === 2, 10_000, 'the end reported');
    expect(seen).toEqual(['down', 'up true']);
    stop();
  });
});
