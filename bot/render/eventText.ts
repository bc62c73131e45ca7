import type { EngineEvent } from '../../src/domain/EngineEvent.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';
import { priceWord, shares, sideWord, won } from './koreanWords.ts';
import { phaseSummaryText } from './phaseSummaryText.ts';
import { postTradeReportText } from './postTradeReportText.ts';

/** A leg's fill progress (all rounds), when the relay could read it. */
export interface LegProgress {
  readonly filled: number;
  readonly planned: number;
}

const stock = (code: string, name?: string): string => escapeHtml(name ? `${name}(${code})` : code);
const round = (n: number): string => `${n}회차`;

/**
 * The Korean text of one engine event, in Telegram HTML (values escaped), as messages: one line for every event
 * but summaries and reports (so a burst of order events can share a message), which are blocks with a monospace
 * table, cut into several messages when long.
 */
export function eventText(event: EngineEvent, progress?: LegProgress): string[] {
  if (event.type === 'phase-ended') return phaseSummaryText(event.summary);
  if (event.type === 'report') return postTradeReportText(event.report, event.side);
  return [eventLine(event, progress)];
}

/** The one-line text of an event (summaries and reports give their first line only: use eventText for them). */
export function eventLine(event: EngineEvent, progress?: LegProgress): string {
  switch (event.type) {
    case 'plan-approved':
      return `✅ 계획 <code>${escapeHtml(event.planId)}</code> 승인됨`;
    case 'phase-started':
      return `▶️ ${sideWord(event.side)} 단계 시작`;
    case 'phase-waiting':
      return `⏸ ${sideWord(event.side)} 단계 대기: ${escapeHtml(event.reason)}`;
    case 'order-placed':
      return `📤 ${sideWord(event.side)} 주문 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} × ${priceWord(event.price)} (주문번호 ${escapeHtml(event.orderNo)})`;
    case 'fill': {
      const leg = progress ? `, 종목 누적 ${shares(progress.filled)}/${shares(progress.planned)}` : '';
      return `💰 ${sideWord(event.side)} 체결 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} @ ${won(event.price)} (주문 ${shares(event.totalFilled)}/${shares(event.orderQty)}${leg}, 주문번호 ${escapeHtml(event.orderNo)})`;
    }
    case 'amended':
      return `✏️ ${sideWord(event.side)} 정정 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} ${won(event.fromPrice)} → ${won(event.toPrice)} (주문번호 ${escapeHtml(event.fromOrderNo)} → ${escapeHtml(event.toOrderNo)}, ${event.amendCount}번째 정정)`;
    case 'cancelled':
      return `🚫 ${sideWord(event.side)} 취소 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} (주문번호 ${escapeHtml(event.orderNo)}, ${escapeHtml(event.reason)})`;
    case 'order-rejected':
      return `⚠️ ${sideWord(event.side)} 주문 거부 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} — ${escapeHtml(event.reason)}`;
    case 'order-unknown':
      return `⚠️ ${sideWord(event.side)} 주문 결과 확인 불가 ${stock(event.code)} ${round(event.round)}: ${shares(event.qty)} (${escapeHtml(event.reason)}). 증권사 주문 목록과 대조합니다. 다시 보내지 않습니다.`;
    case 'order-reconciled':
      return event.found
        ? `🔎 ${sideWord(event.side)} ${stock(event.code)} ${round(event.round)}: 증권사에서 주문 ${escapeHtml(event.orderNo ?? '?')}을 찾았습니다.`
        : `🔎 ${sideWord(event.side)} ${stock(event.code)} ${round(event.round)}: 접수되지 않은 주문으로 확인되어 다시 보냅니다.`;
    case 'phase-ended':
      return `🏁 ${sideWord(event.side)} 단계 완료`;
    case 'report':
      return `📋 ${sideWord(event.side)} 단계 후 보고서`;
    case 'report-missing':
      return `📋 ${sideWord(event.side)} 단계 후 보고서를 만들지 못했습니다: ${escapeHtml(event.reason)}`;
    case 'plan-done':
      return `🏁 계획 <code>${escapeHtml(event.planId)}</code> 완료`;
    case 'halted':
      return `⛔ 긴급 정지: 주문 전송 중단, 대기 주문 ${event.removedJobs}건 삭제`;
    case 'resumed':
      return '▶️ 재개: 보내지 않은 주문을 다시 대기열에 넣었습니다';
    case 'error':
      return `❗ 오류: ${escapeHtml(event.message)}`;
    case 'resolved':
      return event.resolution === 'adopted'
        ? `🧾 수동 처리: ${sideWord(event.side)} ${stock(event.code)} ${round(event.round)} → 주문 ${escapeHtml(event.orderNo ?? '?')} 채택`
        : `🧾 수동 처리: ${sideWord(event.side)} ${stock(event.code)} ${round(event.round)} → 미접수로 확인, 다시 보냅니다`;
    default: {
      const unknown = event as { type?: unknown };
      return `❗ 알 수 없는 알림: ${escapeHtml(String(unknown.type))}`;
    }
  }
}
