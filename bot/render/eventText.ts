import type { EngineErrorEvent } from '../../src/domain/EngineErrorEvent.ts';
import type { EngineEvent } from '../../src/domain/EngineEvent.ts';
import { kstMinute } from '../../src/domain/kstClock.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';
import { cancelCauseText } from './cancelCauseText.ts';
import { priceWord, shares, sideWord, won } from './koreanWords.ts';
import { phaseSummaryText } from './phaseSummaryText.ts';
import { postTradeReportText } from './postTradeReportText.ts';
import { rejectCauseText } from './rejectCauseText.ts';

/** A leg's fill progress (all rounds), when the relay could read it. */
export interface LegProgress {
  readonly filled: number;
  readonly planned: number;
}

const stock = (code: string, name?: string): string => escapeHtml(name ? `${name}(${code})` : code);
const round = (n: number): string => `${n}회차`;
/** The request whose outcome is unknown (`order-unknown`). */
const REQUEST = { place: '주문', amend: '정정', cancel: '취소' } as const;

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
      if (event.code === 'recorded')
        return `⏸ ${sideWord(event.side)} 단계 대기 (이전 버전 기록): ${escapeHtml(event.text)}`;
      return event.code === 'market-closed'
        ? `⏸ ${sideWord(event.side)} 단계 대기: 장이 닫혀 있어 다음 장 시작(${kstMinute(event.opensAt)} KST)에 주문을 보냅니다`
        : `⏸ ${sideWord(event.side)} 단계 대기: 매도 주문이 아직 끝나지 않았습니다. 폴링마다 다시 확인합니다`;
    case 'order-placed':
      return `📤 ${sideWord(event.side)} 주문 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} × ${priceWord(event.price)} (주문번호 ${escapeHtml(event.orderNo)})`;
    case 'fill': {
      const leg = progress ? `, 종목 누적 ${shares(progress.filled)}/${shares(progress.planned)}` : '';
      return `💰 ${sideWord(event.side)} 체결 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} @ ${won(event.price)} (주문 ${shares(event.totalFilled)}/${shares(event.orderQty)}${leg}, 주문번호 ${escapeHtml(event.orderNo)})`;
    }
    case 'amended':
      return `✏️ ${sideWord(event.side)} 정정 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} ${won(event.fromPrice)} → ${won(event.toPrice)} (주문번호 ${escapeHtml(event.fromOrderNo)} → ${escapeHtml(event.toOrderNo)}, ${event.amendCount}번째 정정)`;
    case 'cancelled':
      return `🚫 ${sideWord(event.side)} 취소 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} (주문번호 ${escapeHtml(event.orderNo)}, ${cancelCauseText(event.cause)})`;
    case 'order-rejected':
      return `⚠️ ${sideWord(event.side)} 주문 거부 ${stock(event.code, event.name)} ${round(event.round)}: ${shares(event.qty)} — ${rejectCauseText(event.cause)}`;
    case 'order-unknown':
      return `⚠️ ${sideWord(event.side)} 주문 결과 확인 불가 ${stock(event.code)} ${round(event.round)}: ${shares(event.qty)} (${REQUEST[event.request]} 요청: ${escapeHtml(event.detail)}). 증권사 주문 목록과 대조합니다. 다시 보내지 않습니다.`;
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
      return `❗ 오류: ${errorText(event)}`;
    case 'resolved':
      return event.resolution === 'adopted'
        ? `🧾 수동 처리: ${sideWord(event.side)} ${stock(event.code)} ${round(event.round)} → 주문 ${escapeHtml(event.orderNo ?? '?')} 채택`
        : `🧾 수동 처리: ${sideWord(event.side)} ${stock(event.code)} ${round(event.round)} → 미접수로 확인, 다시 보냅니다`;
    case 'stalled':
      return `⏳ 증권사 응답 없음: ${kstMinute(event.since)} KST부터 조회가 실패하고 있습니다 (${escapeHtml(event.message)}). 남은 주문은 기다렸다가 응답이 돌아오면 나갑니다. 두 번 나가는 주문은 없습니다`;
    case 'recovered':
      return event.code === 'redis-unavailable'
        ? `✅ Redis 연결 복구 (${Math.round(event.downMs / 1000)}초 만에). 증권사와 대조한 뒤 이어갑니다`
        : `✅ 증권사 응답 재개 (${Math.round(event.downMs / 1000)}초 만에). 주문을 이어갑니다`;
    default: {
      // A stored event of a kind this version does not know (written by a newer one): said, never dropped.
      const unknown = event as { type?: unknown };
      return `❗ 알 수 없는 알림: ${escapeHtml(String(unknown.type))}`;
    }
  }
}

/**
 * What went wrong and what the person should do, per error code. Values stand in brackets or after a colon, so no
 * particle has to agree with them; texts from outside (the broker's answer, an exception) are shown as they came.
 */
function errorText(event: EngineErrorEvent): string {
  const no = (orderNo: string) => `주문번호 ${escapeHtml(orderNo)}`;
  switch (event.code) {
    case 'order-job-failed':
      return `주문 작업 실패(${escapeHtml(event.jobId)}): ${escapeHtml(event.detail)}`;
    case 'unowned-orders': {
      const what = event.orders.map(
        (o) => `${sideWord(o.side)} ${stock(o.code)} ${shares(o.qty)} × ${priceWord(o.price)} (${no(o.orderNo)})`,
      );
      return `어느 기록에도 속하지 않은 증권사 주문이 있어 긴급 정지했습니다: ${what.join(', ')}. 증권사에서 확인한 뒤(npm run ledger) 재개하세요.`;
    }
    case 'accepted-order-not-attached': {
      const why =
        event.heldOrderNo !== undefined
          ? `기록이 이미 다른 주문을 가짐: ${no(event.heldOrderNo)}`
          : `기록 상태: ${event.state}`;
      return `${sideWord(event.side)} ${stock(event.stockCode)} ${round(event.round)}: 증권사가 접수한 주문(${no(event.orderNo)})을 기록에 붙이지 못했습니다(${why}). 다시 보내지 않습니다. 직접 확인하세요.`;
    }
    case 'broker-clock-off':
      return `${sideWord(event.side)} ${stock(event.stockCode)} ${round(event.round)} 보류: 증권사 시계가 허용치를 넘게 어긋났습니다(${Math.round(event.offsetMs / 100) / 10}초, MAX_CLOCK_OFFSET_MS ${event.maxOffsetMs}ms). 돌아올 때까지 주문을 보내지 않습니다. 두 시계를 확인하세요.`;
    case 'amend-refused':
      return `${stock(event.stockCode)} 정정 거부(${no(event.orderNo)}): ${escapeHtml(event.brokerMessage)}`;
    case 'cancel-refused':
      return `${stock(event.stockCode)} 취소 거부(${no(event.orderNo)}): ${escapeHtml(event.brokerMessage)}`;
    case 'order-value-over-cap':
      return `${stock(event.stockCode)} 주문 금액이 한도를 넘어 보내지 않았습니다(${won(event.value)}, MAX_ORDER_VALUE ${won(event.maxOrderValue)})`;
    case 'ambiguous-match':
      return `${sideWord(event.side)} ${stock(event.stockCode)} ${round(event.round)}: 응답을 받지 못한 주문에 맞는 증권사 주문이 여럿입니다(${escapeHtml(event.orderNos.join(', '))}). 결과 미확인으로 두었습니다. 직접 확인하세요.`;
    case 'earlier-day-unsettled':
      return `${sideWord(event.side)} ${stock(event.stockCode)} ${round(event.round)}: 그날 정리되지 않은 지난 주문입니다(${escapeHtml(event.day)}). 오늘 주문 목록으로는 알 수 없어 결과 미확인으로 두었습니다. 체결 내역을 직접 확인하세요.`;
    case 'order-number-taken': {
      const who =
        event.side !== undefined && event.stockCode !== undefined && event.round !== undefined
          ? `${sideWord(event.side)} ${stock(event.stockCode)} ${round(event.round)}`
          : escapeHtml(event.recordId);
      return `${who}: 증권사가 주문을 접수했지만(${no(event.orderNo)}) 그 번호는 오늘 다른 기록의 것입니다(${escapeHtml(event.ownerId)}). 결과 미확인으로 두고 다시 보내지 않습니다. 직접 확인하세요.`;
    }
    case 'calendar-not-covered':
      return `주문 보류: 거래일 달력에 없는 날이라 장이 열렸는지 알 수 없습니다(${escapeHtml(event.date)}, MARKET_SESSION=krx). 달력에 다음 해를 넣으세요.`;
    case 'unreadable-event':
      return `읽을 수 없는 알림: ${escapeHtml(event.eventId)}`;
    case 'recorded':
      return `(이전 버전 기록) ${escapeHtml(event.text)}`;
    default: {
      const unknown = event as { code?: unknown };
      return `알 수 없는 오류: ${escapeHtml(String(unknown.code))}`;
    }
  }
}
