import type { RecordNote } from '../../src/domain/RecordNote.ts';

/**
 * One note of every code, with outside words that need escaping where a code carries them. Keyed by code, so a code
 * added to RecordNote fails to compile here until it has an example (and the faces' tests word it).
 */
const BY_CODE: { readonly [C in RecordNote['code']]: Extract<RecordNote, { code: C }> } = {
  'not-found-after-send': { code: 'not-found-after-send', afterMs: 2_500 },
  'earlier-day-unsettled': { code: 'earlier-day-unsettled', day: '2026-03-04' },
  'broker-clock-off': { code: 'broker-clock-off', maxOffsetMs: 5_000 },
  'order-number-taken': { code: 'order-number-taken', orderNo: '0000042', ownerId: 'p1-sell-005930-r1' },
  'plan-ended': { code: 'plan-ended', planId: 'p9', status: 'cancelled' },
  'over-cap': { code: 'over-cap', value: 712_000, maxOrderValue: 500_000 },
  'quote-refused': { code: 'quote-refused', brokerMessage: 'no such stock <A&B>' },
  'broker-refused': { code: 'broker-refused', brokerMessage: '[2000] 주문가능금액 부족 <x>' },
  'request-failed': { code: 'request-failed', detail: 'order request timed out <after 3000 ms>' },
  'settled-not-placed': { code: 'settled-not-placed' },
  recorded: { code: 'recorded', text: 'order request timed out <older>' },
};

export const EVERY_RECORD_NOTE: readonly RecordNote[] = Object.values(BY_CODE);
