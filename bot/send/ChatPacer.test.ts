import { describe, expect, it } from 'vitest';
import { ChatPacer } from './ChatPacer.ts';

describe('ChatPacer', () => {
  it('lets a burst go at once, then one per interval', () => {
    const pacer = new ChatPacer(1_000, 3);
    expect([0, 0, 0, 0, 0].map(() => pacer.reserve(10_000))).toEqual([0, 0, 0, 1_000, 2_000]);
  });

  it('refills after a quiet spell', () => {
    const pacer = new ChatPacer(1_000, 2);
    pacer.reserve(0);
    pacer.reserve(0);
    expect(pacer.reserve(0)).toBe(1_000);
    expect(pacer.reserve(10_000)).toBe(0);
    expect(pacer.reserve(10_000)).toBe(0);
    expect(pacer.reserve(10_000)).toBe(1_000);
  });

  it('holds everything until a block ends, then paces without a burst', () => {
    const pacer = new ChatPacer(1_000, 3);
    pacer.block(5_000);
    expect(pacer.reserve(1_000)).toBe(4_000);
    expect(pacer.reserve(1_000)).toBe(5_000);
    expect(pacer.reserve(1_000)).toBe(6_000);
  });
});
