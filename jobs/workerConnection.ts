import type { ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { outageProofOptions } from '../src/store/outageProofOptions.ts';

/**
 * Connection settings for a worker's own connections (the order and the control worker), taken from a shared
 * connection's options. BullMQ's blocking commands need maxRetriesPerRequest: null, and a worker must wait out a
 * Redis outage of any length (outageProofOptions).
 */
export function workerConnection(redis: Redis): ConnectionOptions {
  const o = redis.options;
  const out: Record<string, unknown> = { ...outageProofOptions() };
  for (const k of ['host', 'port', 'db', 'username', 'password', 'tls', 'family', 'path', 'connectionName'] as const) {
    if (o[k] !== undefined) out[k] = o[k];
  }
  return out as ConnectionOptions;
}
