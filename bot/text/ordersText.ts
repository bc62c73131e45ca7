import type { HistoryEntry, LiveOrder } from '../../src/app/orderActivity.ts';
import type { EngineEvent } from '../../src/domain/EngineEvent.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';
import { won } from '../render/koreanWords.ts';
import { rejectCauseText } from '../render/rejectCauseText.ts';
import { kstWhen } from './kstWhen.ts';

const SIDE = { sell: '매도', buy: '매수' } as const;
const STATE: Readonly<Record<string, string>> = {
  queued: '대기',
  sending: '전송 중',
  unknown: '결과 확인 중',
  open: '미체결',
  partial: '일부 체결',
};

/** `/orders`: open orders with their age and amend count (HTML). */
export function ordersText(orders: readonly LiveOrder[], now: number): string {
  if (orders.length === 0) return '미체결 주문이 없습니다.';
  const lines = [`<b>미완료 주문 ${orders.length}건</b>`];
  for (const o of orders.slice(0, 40)) {
    const age =
      o.placedAt !== undefined ? `${Math.max(0, Math.round((now - o.placedAt) / 60_000))}분 전` : '아직 안 보냄';
    lines.push(
      `• ${SIDE[o.side]} ${escapeHtml(o.name)} (${o.code}) ${o.round}회차 ${o.filledQty}/${o.qty}주 @${won(o.price)} · ${STATE[o.state] ?? o.state} · ${age} · 정정 ${o.amendCount}회${o.orderNo ? ` · #${o.orderNo}` : ''}`,
    );
  }
  if (orders.length > 40) lines.push(`… 외 ${orders.length - 40}건`);
  return lines.join('\n');
}

/** `/history`: today's orders, fills and amendments, one line each (HTML). */
export function historyText(entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return '오늘 주문 기록이 없습니다.';
  const lines = entries.slice(-60).map((e) => `${kstWhen(e.at).slice(6)} ${eventLine(e.event)}`);
  return [`<b>오늘의 주문 기록 (${entries.length}건)</b>`, ...lines].join('\n');
}

function eventLine(e: EngineEvent): string {
  switch (e.type) {
    case 'order-placed':
      return `주문 ${SIDE[e.side]} ${escapeHtml(e.name)} ${e.qty}주 @${won(e.price)} #${e.orderNo}`;
    case 'fill':
      return `체결 ${SIDE[e.side]} ${escapeHtml(e.name)} ${e.qty}주 @${won(e.price)} (${e.totalFilled}/${e.orderQty})`;
    case 'amended':
      return `정정 ${SIDE[e.side]} ${escapeHtml(e.name)} ${won(e.fromPrice)} → ${won(e.toPrice)} #${e.fromOrderNo} → #${e.toOrderNo}`;
    case 'cancelled':
      return `취소 ${SIDE[e.side]} ${escapeHtml(e.name)} ${e.qty}주 #${e.orderNo}`;
    case 'order-rejected':
      return `거부 ${SIDE[e.side]} ${escapeHtml(e.name)} ${e.qty}주: ${rejectCauseText(e.cause)}`;
    case 'order-unknown':
      return `결과 불명 ${SIDE[e.side]} ${e.code} ${e.qty}주`;
    case 'order-reconciled':
      return `확인 ${SIDE[e.side]} ${e.code}: ${e.found ? `주문 #${e.orderNo ?? '?'} 찾음` : '접수 안 됨'}`;
    default:
      return e.type;
  }
}
