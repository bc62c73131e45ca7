import { describe, expect, test } from 'vitest';
import { defaultSettleMs } from './Engine.ts';

describe('defaultSettleMs', () => {
  test.each([
    // the order deadline dominates at short intervals: a request still in flight may yet be accepted
    [1_000, 10_000, 15_000],
    [200, 300, 5_300],
    // two intervals dominate at long ones
    [10_000, 10_000, 20_000],
    [30_000, 10_000, 60_000],
  ])('interval %i ms, order deadline %i ms -> trusts "not found" after %i ms', (interval, timeout, expected) => {
    const settle = defaultSettleMs({ ORDER_INTERVAL_MS: interval, ORDER_TIMEOUT_MS: timeout });
    expect(settle).toBe(expected);
    expect(settle).toBeGreaterThan(timeout);
  });
});
