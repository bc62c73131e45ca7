import { MAX_PRE_SEND_WAIT_MS } from '../src/broker/preSendWait.ts';
import type { Config } from '../src/config/config.ts';

/**
 * How long after a request with an unknown outcome the broker's lists are trusted to show it if it was accepted.
 * One order call of the Kiwoom client can leave the wire as late as: a token fetch, then the request, and after a
 * refused token (8005) one more token fetch and one more send, each bounded by ORDER_TIMEOUT_MS (the runner passes
 * it as the client's token and order deadline). A record is `sending` all that time, and another reconciler (a
 * redelivered job, another process's start-up recovery) must not conclude "not placed" before the last moment the
 * request can still reach the broker, plus room for the broker to list it.
 */
export function defaultSettleMs(config: Pick<Config<'engine'>, 'ORDER_INTERVAL_MS' | 'ORDER_TIMEOUT_MS'>): number {
  // Plus, before each of the two sends, the longest the client may hold it on its pacing (MAX_PRE_SEND_WAIT_MS).
  return Math.max(2_000, 2 * config.ORDER_INTERVAL_MS, 4 * config.ORDER_TIMEOUT_MS + 2 * MAX_PRE_SEND_WAIT_MS + 5_000);
}
