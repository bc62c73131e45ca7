import type { CancelCause } from '../../src/domain/CancelCause.ts';
import type { HaltSource } from '../../src/domain/HaltSource.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';

/** Who threw the kill switch, in Korean (after "긴급 정지"). */
function haltSourceText(by: HaltSource | undefined): string {
  if (by?.via === 'chat') return `(채팅 ${by.chatId}에서 미체결 취소 요청)`;
  if (by?.via === 'unowned-orders') return '(어느 기록에도 속하지 않은 증권사 주문)';
  return '';
}

/**
 * Why an order was cancelled, in Korean (Telegram HTML, values escaped). Words an older version stored are shown as
 * they came.
 */
export function cancelCauseText(cause: CancelCause): string {
  switch (cause.code) {
    case 'amend-policy':
      return `${cause.attempts}번 정정해도 체결되지 않아 취소(AMEND_POLICY=cancel)`;
    case 'to-market':
      return '남은 수량을 시장가로 다시 주문(AMEND_POLICY=market)';
    case 'kill-switch':
      return `긴급 정지${haltSourceText(cause.by)}`;
    case 'gone-at-broker':
      return '증권사 미체결 목록에서 사라짐(취소 또는 만료)';
    case 'confirmed':
      return cause.afterLostAnswer ? '취소 확인(응답을 받지 못한 뒤 목록으로 확인)' : '취소 확인';
    case 'recorded':
      return escapeHtml(cause.text);
    default: {
      const unknown = cause as { code?: unknown };
      return `알 수 없는 사유: ${escapeHtml(String(unknown.code))}`;
    }
  }
}
