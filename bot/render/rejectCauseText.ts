import type { RejectCause } from '../../src/domain/RejectCause.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';
import { won } from './koreanWords.ts';

/**
 * Why an order was rejected, in Korean (Telegram HTML, values escaped). The broker's answer and words an older
 * version stored are shown as they came.
 */
export function rejectCauseText(cause: RejectCause): string {
  switch (cause.code) {
    case 'broker-refused':
      return `증권사 거부: ${escapeHtml(cause.brokerMessage)}`;
    case 'quote-refused':
      return `시세 조회 거부로 보내지 않음: ${escapeHtml(cause.brokerMessage)}`;
    case 'over-cap':
      return `주문 금액이 한도를 넘어 보내지 않음(${won(cause.value)}, MAX_ORDER_VALUE ${won(cause.maxOrderValue)})`;
    case 'recorded':
      return escapeHtml(cause.text);
    default: {
      const unknown = cause as { code?: unknown };
      return `알 수 없는 사유: ${escapeHtml(String(unknown.code))}`;
    }
  }
}
