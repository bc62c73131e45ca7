import { createKiwoomBroker } from '../../src/broker/kiwoom/createKiwoomBroker.ts';
import type { KiwoomBroker } from '../../src/broker/kiwoom/KiwoomBroker.ts';

/**
 * A Kiwoom client for a paper exchange at `url`, unthrottled (the spacing guard is what the tests measure), with
 * short deadlines and backoffs so faults play out quickly.
 */
export function paperKiwoomBroker(url: string, orderTimeoutMs = 2_000): KiwoomBroker {
  return createKiwoomBroker({
    baseUrl: url,
    appKey: 'test-app-key',
    secretKey: 'test-secret-key',
    rateLimits: { ordersPerSecond: Number.POSITIVE_INFINITY, queriesPerSecond: Number.POSITIVE_INFINITY },
    orderTimeoutMs,
    queryTimeoutMs: 2_000,
    retryBaseDelayMs: 20,
    rateLimitPauseMs: 50,
  });
}
