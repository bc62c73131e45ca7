import { describe, expect, test } from 'vitest';
import { sameNote } from './sameNote.ts';

describe('sameNote', () => {
  test('same code and values: the same note', () => {
    expect(
      sameNote({ code: 'broker-clock-off', maxOffsetMs: 5000 }, { code: 'broker-clock-off', maxOffsetMs: 5000 }),
    ).toBe(true);
    expect(sameNote({ code: 'settled-not-placed' }, { code: 'settled-not-placed' })).toBe(true);
    expect(
      sameNote(
        { code: 'earlier-day-unsettled', day: '2026-03-04' },
        { code: 'earlier-day-unsettled', day: '2026-03-04' },
      ),
    ).toBe(true);
  });

  test('another value or another code: not the same', () => {
    expect(
      sameNote({ code: 'broker-clock-off', maxOffsetMs: 5000 }, { code: 'broker-clock-off', maxOffsetMs: 6000 }),
    ).toBe(false);
    expect(
      sameNote(
        { code: 'earlier-day-unsettled', day: '2026-03-04' },
        { code: 'earlier-day-unsettled', day: '2026-03-05' },
      ),
    ).toBe(false);
    expect(
      sameNote({ code: 'quote-refused', brokerMessage: 'x' }, { code: 'broker-refused', brokerMessage: 'x' }),
    ).toBe(false);
  });

  test('a value present on one side only: not the same', () => {
    expect(sameNote({ code: 'plan-ended', planId: 'p', status: 'done' }, { code: 'plan-ended', planId: 'p' })).toBe(
      false,
    );
    expect(sameNote({ code: 'plan-ended', planId: 'p' }, { code: 'plan-ended', planId: 'p', status: 'done' })).toBe(
      false,
    );
  });

  test('no note: the same only as no note', () => {
    expect(sameNote(undefined, undefined)).toBe(true);
    expect(sameNote(undefined, { code: 'settled-not-placed' })).toBe(false);
    expect(sameNote({ code: 'settled-not-placed' }, undefined)).toBe(false);
  });
});
