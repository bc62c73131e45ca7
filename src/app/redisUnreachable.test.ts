import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { redisLocation, redisUnreachable } from './redisUnreachable.ts';

describe('redisUnreachable', () => {
  // A TCP server that accepts connections and never answers: not a Redis.
  let silent: Server;
  let silentPort = 0;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    silentPort = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  test('is undefined when Redis answers', async () => {
    expect(await redisUnreachable(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')).toBeUndefined();
  });

  test('names the cause when nothing listens', async () => {
    expect(await redisUnreachable('redis://127.0.0.1:1', 1_000)).toMatch(/ECONNREFUSED/);
  });

  test('gives up after the timeout when the server never answers', async () => {
    expect(await redisUnreachable(`redis://127.0.0.1:${silentPort}`, 300)).toMatch(/no answer within 300 ms/);
  });
});

describe('redisLocation', () => {
  test.each([
    ['redis://127.0.0.1:6379', '127.0.0.1:6379'],
    ['redis://localhost', 'localhost:6379'],
    ['redis://user:secret@10.0.0.5:6380/2', '10.0.0.5:6380'],
    ['not a url', 'the configured address'],
  ])('writes %s as %s, without credentials', (url, where) => {
    expect(redisLocation(url)).toBe(where);
  });
});
