import { describe, expect, test } from 'vitest';
import { earlierOrderDay } from './earlierOrderDay.ts';
import type { PendingRequest } from './LedgerRecord.ts';

const at = (iso: string) => Date.parse(iso);
// 2026-03-03 09:30 KST.
const now = at('2026-03-03T00:30:00Z');
const pendingAt = (t: number): PendingRequest => ({
  kind: 'amend',
  at: t,
  fromOrderNo: '0000001',
  fromPrice: 1_000,
  qty: 1,
});

describe('earlierOrderDay', () => {
  test.each<[string, Parameters<typeof earlierOrderDay>[0], string | undefined]>([
    ['never sent', {}, undefined],
    ['placed today', { lastPlacedAt: at('2026-03-03T00:01:00Z') }, undefined],
    ['placed yesterday', { lastPlacedAt: at('2026-03-02T06:00:00Z') }, '20260302'],
    ['sent (no answer) yesterday', { sentAt: at('2026-03-02T06:00:00Z') }, '20260302'],
    ['an amend in flight since yesterday', { pending: pendingAt(at('2026-03-02T06:00:00Z')) }, '20260302'],
    [
      'placed yesterday, amended today: the latest request counts',
      { lastPlacedAt: at('2026-03-02T06:00:00Z'), pending: pendingAt(at('2026-03-03T00:10:00Z')) },
      undefined,
    ],
    [
      'placed two days ago, sent again yesterday: the day of the latest request',
      { lastPlacedAt: at('2026-03-01T06:00:00Z'), sentAt: at('2026-03-02T06:00:00Z') },
      '20260302',
    ],
    ['23:59:59 KST the day before (14:59:59 UTC)', { lastPlacedAt: at('2026-03-02T14:59:59Z') }, '20260302'],
    [
      '00:00 KST today (15:00 UTC the day before by the UTC calendar)',
      { lastPlacedAt: at('2026-03-02T15:00:00Z') },
      undefined,
    ],
  ])('%s -> %s', (_what, rec, expected) => {
    expect(earlierOrderDay(rec, now)).toBe(expected);
  });

  test('a request stamped after now (a clock ahead) is not of an earlier day', () => {
    expect(earlierOrderDay({ sentAt: now + 86_400_000 }, now)).toBeUndefined();
  });
});
