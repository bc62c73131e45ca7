import { describe, expect, test } from 'vitest';
import { forEachConcurrent } from './forEachConcurrent.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('forEachConcurrent', () => {
  test('runs every item, never more than the limit at once', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrent([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++inFlight);
      await tick();
      inFlight--;
      done.push(n);
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  test('throws the first failure only after every other item has run', async () => {
    const done: number[] = [];
    const run = forEachConcurrent([1, 2, 3], 2, async (n) => {
      await tick();
      if (n === 1) throw new Error('one failed');
      done.push(n);
    });
    await expect(run).rejects.toThrow('one failed');
    expect(done).toEqual([2, 3]);
  });

  test.each([[0], [1.5]])('refuses a limit of %d', async (limit) => {
    await expect(forEachConcurrent([1], limit, async () => {})).rejects.toThrow(RangeError);
  });
});
