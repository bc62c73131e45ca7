import { describe, expect, it } from 'vitest';
import { EVERY_RECORD_NOTE } from '../../test/kit/everyRecordNote.ts';
import type { LedgerRecord } from '../domain/LedgerRecord.ts';
import { recordNoteLine, settleHint } from './ledgerText.ts';

describe('recordNoteLine', () => {
  it.each(EVERY_RECORD_NOTE.map((n) => [n.code, n] as const))('words %s in English', (_code, note) => {
    const line = recordNoteLine(note);
    expect(line.length).toBeGreaterThan(0);
    expect(line).not.toContain('unknown reason');
  });

  it('keeps the words the engine wrote before notes were values', () => {
    expect(recordNoteLine({ code: 'not-found-after-send', afterMs: 2_500 })).toBe(
      'not found at the broker 2500 ms after sending',
    );
    expect(recordNoteLine({ code: 'earlier-day-unsettled', day: '2026-03-04' })).toBe(
      "sent on 2026-03-04 (KST) and not settled that day: today's broker lists cannot tell what became of it",
    );
    expect(recordNoteLine({ code: 'broker-clock-off', maxOffsetMs: 5_000 })).toBe(
      "the broker's clock is more than 5000 ms off ours (MAX_CLOCK_OFFSET_MS): not placing orders until it is back within it",
    );
    expect(recordNoteLine({ code: 'order-number-taken', orderNo: '0000042', ownerId: 'p1-sell-005930-r1' })).toBe(
      'the broker accepted order 0000042, but record p1-sell-005930-r1 owns that number today',
    );
    expect(recordNoteLine({ code: 'plan-ended', planId: 'p9', status: 'done' })).toBe('plan p9 is done: not sent');
    expect(recordNoteLine({ code: 'plan-ended', planId: 'p9' })).toBe('plan p9 is gone: not sent');
    expect(recordNoteLine({ code: 'over-cap', value: 712_000, maxOrderValue: 500_000 })).toBe(
      'order value 712000 won exceeds MAX_ORDER_VALUE 500000; not sent',
    );
    expect(recordNoteLine({ code: 'quote-refused', brokerMessage: 'no such stock' })).toBe(
      'quote refused: no such stock',
    );
    expect(recordNoteLine({ code: 'broker-refused', brokerMessage: '[2000] refused' })).toBe('[2000] refused');
    expect(recordNoteLine({ code: 'request-failed', detail: 'order request timed out' })).toBe(
      'order request timed out',
    );
    expect(recordNoteLine({ code: 'settled-not-placed' })).toBe('settled by hand: the request never became an order');
    expect(recordNoteLine({ code: 'recorded', text: 'as it was' })).toBe('as it was');
  });
});

describe('settleHint', () => {
  const record: LedgerRecord = {
    id: 'p1-sell-005930-r1',
    planId: 'p1',
    side: 'sell',
    code: '005930',
    name: '삼성전자',
    round: 1,
    isLastRound: true,
    plannedQty: 5,
    qty: 5,
    price: 71_200,
    state: 'unknown',
    orderNos: [],
    filledQty: 0,
    filledValue: 0,
    commission: 0,
    tax: 0,
    amendments: [],
    updatedAt: 0,
  };

  it("gives each record's note", () => {
    const lines = settleHint([{ ...record, note: { code: 'request-failed', detail: 'order request timed out' } }]);
    expect(lines[1]).toBe('  p1-sell-005930-r1: order request timed out');
  });

  it('gives the words a record stored by the older version holds, as they are', () => {
    expect(settleHint([{ ...record, error: 'order request timed out' }])[1]).toBe(
      '  p1-sell-005930-r1: order request timed out',
    );
  });

  it('the note wins over older words', () => {
    expect(settleHint([{ ...record, error: 'older', note: { code: 'settled-not-placed' } }])[1]).toBe(
      '  p1-sell-005930-r1: settled by hand: the request never became an order',
    );
  });

  it('says the outcome is unknown without either', () => {
    expect(settleHint([record])[1]).toBe('  p1-sell-005930-r1: outcome unknown');
  });
});
