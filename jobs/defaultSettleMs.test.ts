import { describe, expect, test } from 'vitest';
import { defaultSettleMs } from './defaultSettleMs.ts';

describe('defaultSettleMs', () => {
  test.each([
    // token fetch + pacing wait (at most 1 s) + send, twice (one re-issue after 8005), each within the order
    // deadline, then 5 s to be listed
    [1_000, 10_000, 47_000],
    [200, 300, 8_200],
    // two intervals dominate when they are longer
    [10_000, 5_000, 27_000],
    [20_000, 5_000, 40_000],
    [30_000, 10_000, 60_000],
  ])('interval %i ms, order deadline %i ms -> trusts "not found" after %i ms', (interval, timeout, expected) => {
    const settle = defaultSettleMs({ ORDER_INTERVAL_MS: interval, ORDER_TIMEOUT_MS: timeout });
    expect(settle).toBe(expected);
    expect(settle).toBeGreaterThan(4 * timeout);
  });
});
