import type { RedisOptions } from 'ioredis';

/**
 * Connection options for everything long-lived that the engine runs on (its command connection, the BullMQ workers'
 * connections): a Redis outage of any length is waited out, never turned into errors that end the run.
 * - `maxRetriesPerRequest: null`: a command waits for the connection to come back instead of failing after a number
 *   of reconnection attempts (ioredis' default of 20 gives up after about 76 s, and a run that lost a command in the
 *   middle of an order's bookkeeping had to be restarted by hand). BullMQ workers need it anyway.
 * - `enableOfflineQueue: true`: commands issued while disconnected are queued and sent on reconnection.
 * - `retryStrategy`: reconnect for ever, at most OUTAGE_RECONNECT_MAX_MS apart, so the engine resumes within a
 *   couple of seconds of Redis coming back.
 * Nothing can be sent while Redis is away: every order request needs its ledger record written first.
 * @see ../../docs/ARCHITECTURE.md "Safety rules"
 */
export const OUTAGE_RECONNECT_MAX_MS = 2_000;

export function outageProofOptions(): Pick<
  RedisOptions,
  'maxRetriesPerRequest' | 'enableOfflineQueue' | 'retryStrategy'
> {
  return {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times: number) => Math.min(100 * times, OUTAGE_RECONNECT_MAX_MS),
  };
}
