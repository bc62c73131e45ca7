import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { earlierRoundsQueued } from './earlierRoundsQueued.ts';

const last = { round: 3, isLastRound: true };

describe('earlierRoundsQueued', () => {
  test('a last round waits while an earlier round of its leg is queued', () => {
    expect(earlierRoundsQueued(last, [{ round: 1, state: 'queued' }])).toBe(true);
    expect(earlierRoundsQueued(last, [{ round: 2, seq: 0, state: 'queued' }])).toBe(true);
  });

  test('not for rounds already sent or final, market follow-ups, or a round that is not the last', () => {
    const sent = ['sending', 'open', 'partial', 'unknown', 'filled', 'cancelled', 'rejected', 'skipped'] as const;
    for (const state of sent) expect(earlierRoundsQueued(last, [{ round: 1, state }])).toBe(false);
    expect(earlierRoundsQueued(last, [{ round: 1, seq: 1, state: 'queued' }])).toBe(false);
    expect(earlierRoundsQueued({ round: 2, isLastRound: false }, [{ round: 1, state: 'queued' }])).toBe(false);
  });

  test('is exactly "some earlier plain round is queued"', () => {
    const rec = fc.record({
      round: fc.integer({ min: 1, max: 10 }),
      seq: fc.constantFrom(0, 1, 2),
      state: fc.constantFrom('queued', 'sending', 'open', 'filled', 'skipped'),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(rec, { maxLength: 12 }), (round, others) => {
        const expected = others.some((o) => o.round < round && o.seq === 0 && o.state === 'queued');
        expect(earlierRoundsQueued({ round, isLastRound: true }, others)).toBe(expected);
      }),
    );
  });
});
