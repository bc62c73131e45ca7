import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 (port 0) in front of the shared Redis, for tests of a Redis outage without touching the
 * server: `cut()` drops every connection and stops listening, so new connections are refused (ECONNREFUSED, as with
 * a Redis that is down) until `restore()` listens on the same port again.
 */
export interface RedisProxy {
  readonly port: number;
  readonly url: string;
  /** Connections accepted and piped so far (cut ones included). */
  readonly accepted: () => number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisProxy(target = { host: '127.0.0.1', port: 6379 }): Promise<RedisProxy> {
  const sockets = new Set<Socket>();
  let down = false;
  let accepted = 0;
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    accepted++;
    const upstream = createConnection(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const dropAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      dropAll();
    });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    accepted: () => accepted,
    async cut() {
      down = true;
      await stopListening();
    },
    async restore() {
      down = false;
      if (!server.listening) await listen(port);
    },
    async close() {
      down = true;
      await stopListening();
    },
  };
}
