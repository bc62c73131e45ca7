import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PriorityQueue } from './PriorityQueue.ts';

describe('PriorityQueue', () => {
  test('pops nothing when empty', () => {
    const q = new PriorityQueue<number>((a, b) => a > b);
    expect(q.pop()).toBeUndefined();
    expect(q.peek()).toBeUndefined();
    expect(q.size).toBe(0);
  });

  test('pops items in the order `before` defines, whatever order they were pushed in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 })), (xs) => {
        const q = new PriorityQueue<number>((a, b) => a > b);
        for (const x of xs) q.push(x);
        expect(q.size).toBe(xs.length);
        const out: number[] = [];
        for (let x = q.pop(); x !== undefined; x = q.pop()) out.push(x);
        expect(out).toEqual([...xs].sort((a, b) => b - a));
      }),
    );
  });

  test('peek shows what pop will return', () => {
    const q = new PriorityQueue<{ key: number; id: string }>((a, b) => a.key < b.key);
    q.push({ key: 3, id: 'c' });
    q.push({ key: 1, id: 'a' });
    q.push({ key: 2, id: 'b' });
    expect(q.peek()?.id).toBe('a');
    expect(q.pop()?.id).toBe('a');
    expect(q.peek()?.id).toBe('b');
  });
});
