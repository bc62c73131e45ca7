import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, test } from 'vitest';
import { checkRedisPersistence, judgePersistence } from './redisPersistence.ts';

/** A private redis-server on a free port, started with `args` (the shared Redis is never reconfigured). */
interface PrivateRedis {
  readonly redis: Redis;
  stop(): Promise<void>;
}

const running: PrivateRedis[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function startRedis(args: string[]): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'rb-persistence-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...args],
    { stdio: 'ignore' },
  );
  const redis = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  // Refused connections while the server starts are expected; they are retried below.
  redis.on('error', () => {});
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      await redis.connect();
      await redis.ping();
      break;
    } catch (err) {
      if (Date.now() > until) throw err;
      redis.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const r: PrivateRedis = {
    redis,
    async stop() {
      redis.disconnect();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
  running.push(r);
  return r;
}

describe('judgePersistence', () => {
  test.each([
    ['yes', 'always', 'durable'],
    ['yes', 'everysec', 'may-lose-writes'],
    ['yes', 'no', 'may-lose-writes'],
    ['no', 'always', 'no-aof'],
    [undefined, undefined, 'unknown'],
    ['yes', undefined, 'unknown'],
  ] as const)('appendonly %s, appendfsync %s: %s', (aof, fsync, verdict) => {
    expect(judgePersistence(aof, fsync)).toBe(verdict);
  });
});

describe('checkRedisPersistence against a real redis-server', () => {
  test('AOF with appendfsync always is durable', async () => {
    const { redis } = await startRedis(['--appendonly', 'yes', '--appendfsync', 'always']);
    expect(await checkRedisPersistence(redis)).toEqual({
      verdict: 'durable',
      appendonly: 'yes',
      appendfsync: 'always',
    });
  });

  test("Redis's default fsync (everysec) may lose the last writes; no AOF is said too", async () => {
    const everysec = await startRedis(['--appendonly', 'yes']);
    expect(await checkRedisPersistence(everysec.redis)).toMatchObject({
      verdict: 'may-lose-writes',
      appendfsync: 'everysec',
    });
    const none = await startRedis(['--appendonly', 'no']);
    expect(await checkRedisPersistence(none.redis)).toMatchObject({ verdict: 'no-aof', appendonly: 'no' });
  });

  test('a server that refuses CONFIG gives unknown, and nothing throws', async () => {
    const { redis } = await startRedis(['--rename-command', 'CONFIG', '']);
    const report = await checkRedisPersistence(redis);
    expect(report.verdict).toBe('unknown');
    expect(report.error).toMatch(/unknown command|CONFIG/i);
  });
});
