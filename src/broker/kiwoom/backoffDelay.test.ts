import { describe, expect, test } from 'vitest';
import { backoffDelay } from './backoffDelay.ts';

describe('backoffDelay', () => {
  test.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 0, 100],
    [2, 1, 200],
    [3, 0.5, 300],
    [10, 1, 1_000],
    [10, 0, 500],
  ])('waits between half and all of the doubled base before retry %d (random %d): %d ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, 100, 1_000, () => r)).toBe(expected);
  });
});
