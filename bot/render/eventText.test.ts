import { describe, expect, it } from 'vitest';
import { readTelegramHtml } from '../../test/kit/botApi/telegramHtml.ts';
import { EVERY_EVENT, reportOf, summaryOf } from '../../test/kit/engineEvents.ts';
import { eventText } from './eventText.ts';

const plain = (html: string): string => {
  const reading = readTelegramHtml(html);
  if (!reading.ok) throw new Error(`${reading.error}: ${html}`);
  return reading.plain;
};

describe('eventText', () => {
  it.each(EVERY_EVENT.map((e) => [e.type, e] as const))('renders %s as Telegram HTML in Korean', (_type, event) => {
    const pieces = eventText(event);
    expect(pieces.length).toBeGreaterThan(0);
    for (const piece of pieces) {
      const text = plain(piece);
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(text).toMatch(/[가-힣]/);
    }
  });

  it('words every kind of event it is given (none falls through to the unknown-event line)', () => {
    const unworded = EVERY_EVENT.filter((event) => eventText(event).some((piece) => piece.includes('알 수 없는 알림')));
    expect(unworded.map((e) => e.type)).toEqual([]);
  });

  it('says a broker outage makes the orders wait, since when, and that it is over', () => {
    const stalled = EVERY_EVENT.find((e) => e.type === 'stalled');
    const text = plain(eventText(stalled!)[0] ?? '');
    expect(text).toContain('03-03 10:00');
    expect(text).toContain('HTTP 503');
    const back = EVERY_EVENT.filter((e) => e.type === 'recovered').map((e) => plain(eventText(e)[0] ?? ''));
    expect(back[0]).toContain('42초');
    expect(back[1]).toContain('Redis');
  });

  it('shows a fill with its quantity, price, order progress and leg progress', () => {
    const fill = EVERY_EVENT.find((e) => e.type === 'fill')!;
    expect(plain(eventText(fill, { filled: 14, planned: 30 })[0]!)).toBe(
      '💰 매도 체결 삼성전자(005930) 1회차: 4주 @ 71,100원 (주문 4주/10주, 종목 누적 14주/30주, 주문번호 0000101)',
    );
  });

  it('shows an amendment with the old and new price and order numbers', () => {
    const amended = EVERY_EVENT.find((e) => e.type === 'amended')!;
    expect(plain(eventText(amended)[0]!)).toBe(
      '✏️ 매도 정정 삼성전자(005930) 1회차: 6주 71,100원 → 71,000원 (주문번호 0000101 → 0000103, 1번째 정정)',
    );
  });

  it('escapes names and messages', () => {
    const error = EVERY_EVENT.find((e) => e.type === 'error')!;
    expect(plain(eventText(error)[0]!)).toBe('❗ 오류: 005930 정정 거부(주문번호 0000101): something <broke> & failed');
  });

  it('shows a phase summary with fees, taxes and average fill against plan price', () => {
    const text = plain(eventText({ type: 'phase-ended', planId: 'p', side: 'sell', summary: summaryOf(1) })[0]!);
    expect(text).toContain('매도 단계 완료');
    expect(text).toContain('수수료 12,345원 · 세금 67,890원');
    expect(text).toMatch(/삼성전자우… +90\/100 +71,051 +71,000 +\+0\.07%/);
  });

  it('shows a report with weights against targets and the tracking error', () => {
    const text = plain(eventText({ type: 'report', planId: 'p', side: 'buy', report: reportOf(2) })[0]!);
    expect(text).toContain('추적오차 0.42%p');
    expect(text).toMatch(/현대차0 +10\.12% +10\.00% +\+0\.12%p/);
    expect(text).toMatch(/현금 +1\.25% +1\.00% +\+0\.25%p/);
  });

  it('cuts summaries and reports of 200 codes into messages under 4096 characters, with every code', () => {
    for (const event of [
      { type: 'phase-ended', planId: 'p', side: 'sell', summary: summaryOf(200) },
      { type: 'report', planId: 'p', side: 'sell', report: reportOf(200) },
    ] as const) {
      const pieces = eventText(event);
      expect(pieces.length).toBeGreaterThan(1);
      const texts = pieces.map(plain);
      for (const t of texts) expect(t.length).toBeLessThan(4096);
      const rows = texts
        .join('\n')
        .split('\n')
        .filter((l) => /^(삼성|LG|현대)/.test(l));
      expect(rows).toHaveLength(200);
    }
  });
});
