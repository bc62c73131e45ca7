import { describe, expect, test } from 'vitest';
import type { CancelCause } from '../../src/domain/CancelCause.ts';
import { cancelCauseText } from './cancelCauseText.ts';

describe('cancelCauseText', () => {
  test.each<[CancelCause, string]>([
    [{ code: 'amend-policy', attempts: 2 }, '2번 정정해도 체결되지 않아 취소(AMEND_POLICY=cancel)'],
    [{ code: 'to-market' }, '남은 수량을 시장가로 다시 주문(AMEND_POLICY=market)'],
    [{ code: 'kill-switch', by: { via: 'chat', chatId: 123 } }, '긴급 정지(채팅 123에서 미체결 취소 요청)'],
    [{ code: 'kill-switch', by: { via: 'unowned-orders' } }, '긴급 정지(어느 기록에도 속하지 않은 증권사 주문)'],
    [{ code: 'kill-switch' }, '긴급 정지'],
    [{ code: 'gone-at-broker' }, '증권사 미체결 목록에서 사라짐(취소 또는 만료)'],
    [{ code: 'confirmed', afterLostAnswer: false }, '취소 확인'],
    [{ code: 'confirmed', afterLostAnswer: true }, '취소 확인(응답을 받지 못한 뒤 목록으로 확인)'],
    [{ code: 'recorded', text: 'kill <switch> & more' }, 'kill &lt;switch&gt; &amp; more'],
  ])('words %j in Korean', (cause, text) => {
    expect(cancelCauseText(cause)).toBe(text);
  });
});
