import { describe, expect, test } from 'vitest';
import type { RejectCause } from '../../src/domain/RejectCause.ts';
import { rejectCauseText } from './rejectCauseText.ts';

describe('rejectCauseText', () => {
  test.each<[RejectCause, string]>([
    [{ code: 'broker-refused', brokerMessage: '주문가능금액 <초과>' }, '증권사 거부: 주문가능금액 &lt;초과&gt;'],
    [{ code: 'quote-refused', brokerMessage: 'no such stock' }, '시세 조회 거부로 보내지 않음: no such stock'],
    [
      { code: 'over-cap', value: 12_000_000, maxOrderValue: 10_000_000 },
      '주문 금액이 한도를 넘어 보내지 않음(12,000,000원, MAX_ORDER_VALUE 10,000,000원)',
    ],
    [{ code: 'recorded', text: 'a & b' }, 'a &amp; b'],
  ])('words %j in Korean, the broker’s text escaped', (cause, text) => {
    expect(rejectCauseText(cause)).toBe(text);
  });
});
