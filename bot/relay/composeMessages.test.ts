import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/domain/EngineEvent.ts';
import { readTelegramHtml } from '../../test/kit/botApi/telegramHtml.ts';
import { EVERY_EVENT, summaryOf } from '../../test/kit/engineEvents.ts';
import { composeMessages, MAX_MERGED_CHARS, type RelayItem } from './composeMessages.ts';

const placed = (i: number): EngineEvent => ({
  type: 'order-placed',
  planId: 'p',
  side: 'buy',
  code: '005930',
  name: '삼성전자',
  round: 1,
  qty: i,
  price: 70_000,
  orderNo: String(i).padStart(7, '0'),
});
const item = (i: number, event: EngineEvent, level: RelayItem['level'] = 'on'): RelayItem => ({
  id: `1700000000000-${i}`,
  event,
  level,
});

describe('composeMessages', () => {
  it('merges a run of order events into one marked message, and keeps others apart in order', () => {
    const items = [
      item(0, { type: 'phase-started', planId: 'p', side: 'buy' }),
      item(1, placed(1)),
      item(2, placed(2)),
      item(3, placed(3)),
      item(4, { type: 'error', code: 'unreadable-event', eventId: 'x' }),
      item(5, placed(5)),
    ];
    const { messages, lastId } = composeMessages(items, 'mock');
    expect(messages.map((m) => m.lastEventId)).toEqual([
      '1700000000000-0',
      '1700000000000-3',
      '1700000000000-4',
      '1700000000000-5',
    ]);
    expect(messages[1]!.text.split('\n')).toHaveLength(4);
    expect(messages[1]!.text.startsWith('[모의] 주문 알림 3건\n')).toBe(true);
    expect(messages.every((m) => m.text.startsWith('[모의] '))).toBe(true);
    expect(lastId).toBe('1700000000000-5');
  });

  it('drops off items but still reports the last id, and is silent only when everything is', () => {
    const { messages, lastId } = composeMessages(
      [item(1, placed(1), 'silent'), item(2, placed(2), 'off'), item(3, placed(3), 'on'), item(4, placed(4), 'off')],
      'paper',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.silent).toBe(false);
    expect(messages[0]!.text).toContain('주문 알림 2건');
    expect(lastId).toBe('1700000000000-4');
    const silent = composeMessages([item(1, placed(1), 'silent'), item(2, placed(2), 'silent')], 'live');
    expect(silent.messages[0]).toMatchObject({ silent: true });
    expect(silent.messages[0]!.text.startsWith('[실전]')).toBe(true);
  });

  it('cuts a long burst into messages under the limit, every event in exactly one', () => {
    const items = Array.from({ length: 200 }, (_, i) => item(i, placed(i + 1)));
    const { messages } = composeMessages(items, 'paper');
    expect(messages.length).toBeGreaterThan(1);
    let lines = 0;
    for (const m of messages) {
      const reading = readTelegramHtml(m.text);
      expect(reading.ok).toBe(true);
      expect(m.text.length).toBeLessThanOrEqual(MAX_MERGED_CHARS + 100);
      lines += m.text.split('\n').length - 1;
    }
    expect(lines).toBe(200);
    expect(messages[messages.length - 1]!.lastEventId).toBe('1700000000000-199');
  });

  it('moves the cursor past a long summary only with its last piece', () => {
    const { messages } = composeMessages(
      [item(7, { type: 'phase-ended', planId: 'p', side: 'sell', summary: summaryOf(120) })],
      'paper',
    );
    expect(messages).toHaveLength(3);
    expect(messages.map((m) => m.lastEventId)).toEqual(['1700000000000-6', '1700000000000-6', '1700000000000-7']);
  });

  it('gives every event type a message', () => {
    const { messages } = composeMessages(
      EVERY_EVENT.map((e, i) => item(i, e)),
      'paper',
    );
    const text = messages.map((m) => m.text).join('\n');
    expect(text).toContain('긴급 정지');
    expect(text).toContain('주문 거부');
    expect(text).toContain('확인 불가');
  });
});
