import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/app/ledgerEntries.ts';
import type { RecordNote } from '../../src/domain/RecordNote.ts';
import { readTelegramHtml } from '../../test/kit/botApi/telegramHtml.ts';
import { EVERY_RECORD_NOTE } from '../../test/kit/everyRecordNote.ts';
import { awaitingText, recordNoteText } from './ledgerText.ts';

const plain = (html: string): string => {
  const reading = readTelegramHtml(html);
  if (!reading.ok) throw new Error(`${reading.error}: ${html}`);
  return reading.plain;
};

describe('recordNoteText', () => {
  it.each(EVERY_RECORD_NOTE.map((n) => [n.code, n] as const))('words %s in Korean, as valid HTML', (_code, note) => {
    const text = plain(recordNoteText(note));
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain('알 수 없는 사유');
    if (note.code !== 'recorded') expect(text).toMatch(/[가-힣]/);
  });

  it('says the values of each situation', () => {
    const cases: [RecordNote, string[]][] = [
      [{ code: 'not-found-after-send', afterMs: 2_500 }, ['2500ms', '다시 주문']],
      [{ code: 'earlier-day-unsettled', day: '2026-03-04' }, ['2026-03-04']],
      [{ code: 'broker-clock-off', maxOffsetMs: 5_000 }, ['5000ms', 'MAX_CLOCK_OFFSET_MS']],
      [
        { code: 'order-number-taken', orderNo: '0000042', ownerId: 'p1-sell-005930-r1' },
        ['#0000042', 'p1-sell-005930-r1'],
      ],
      [{ code: 'plan-ended', planId: 'p9', status: 'cancelled' }, ['p9', '취소됨']],
      [{ code: 'plan-ended', planId: 'p9' }, ['p9', '없어졌습니다']],
      [{ code: 'over-cap', value: 712_000, maxOrderValue: 500_000 }, ['712,000원', '500,000원', 'MAX_ORDER_VALUE']],
      [{ code: 'settled-not-placed' }, ['사람이 정리함']],
    ];
    for (const [note, parts] of cases) for (const part of parts) expect(plain(recordNoteText(note))).toContain(part);
  });

  it('shows outside words (the broker, an exception, an older version) as they came, escaped', () => {
    expect(plain(recordNoteText({ code: 'quote-refused', brokerMessage: 'no such stock <A&B>' }))).toContain(
      'no such stock <A&B>',
    );
    expect(plain(recordNoteText({ code: 'broker-refused', brokerMessage: '[2000] 부족 <x>' }))).toContain(
      '[2000] 부족 <x>',
    );
    expect(plain(recordNoteText({ code: 'request-failed', detail: 'timed out <3 s>' }))).toContain('timed out <3 s>');
    expect(plain(recordNoteText({ code: 'recorded', text: 'order request timed out' }))).toBe(
      'order request timed out',
    );
  });

  it('cuts long outside words short', () => {
    expect(plain(recordNoteText({ code: 'recorded', text: 'x'.repeat(500) }))).toBe('x'.repeat(200));
  });
});

describe('awaitingText', () => {
  const entry: LedgerEntry = {
    id: 'p1-sell-005930-r1',
    planId: 'p1',
    state: 'unknown',
    side: 'sell',
    code: '005930',
    name: '삼성전자',
    round: 1,
    qty: 5,
    price: 71_200,
    filledQty: 0,
    candidates: [],
  };

  it("gives the record's note as its reason", () => {
    const text = plain(awaitingText({ ...entry, note: { code: 'request-failed', detail: 'order request timed out' } }));
    expect(text).toContain('사유: 주문 요청의 응답을 받지 못했습니다: order request timed out');
  });

  it('gives no reason line without a note', () => {
    expect(plain(awaitingText(entry))).not.toContain('사유');
  });
});
