import type { AccountStatus } from '../../src/app/accountStatus.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';
import { won } from '../render/koreanWords.ts';
import { MODE_LABEL } from './modeLabel.ts';
import { pct } from './pct.ts';
import { PLAN_STATUS_LABEL } from './planStatusLabel.ts';

const PHASE: Readonly<Record<string, string>> = {
  pending: '대기',
  waiting: '매도 끝나기를 기다림',
  running: '진행 중',
  done: '완료',
};

/** `/status` (HTML). */
export function statusText(s: AccountStatus): string {
  const lines = [`<b>📊 ${MODE_LABEL[s.mode]} 상태</b>`];
  if (s.brokerError !== undefined) {
    lines.push(`⚠️ 계좌를 읽지 못했습니다: ${escapeHtml(s.brokerError.slice(0, 120))}`);
  } else {
    lines.push(`평가금액 ${won(s.totalValue)} · 현금 ${won(s.cash)}`);
    for (const h of s.holdings) {
      const target = h.excluded ? '제외' : h.targetPct !== undefined ? `목표 ${pct(h.targetPct)}` : '목표 균등';
      lines.push(`• ${escapeHtml(h.name)} (${h.code}) ${pct(h.weightPct)} · ${target}`);
    }
  }
  const e = s.engine;
  lines.push(`엔진: ${e.halted !== undefined ? '🛑 정지 (kill switch)' : e.running ? '동작 중' : '멈춤'}`);
  if (e.plan !== undefined) {
    lines.push(
      `계획 ${e.plan.id}: ${PLAN_STATUS_LABEL[e.plan.status] ?? e.plan.status} · 매도 ${PHASE[e.plan.phases.sell]} · 매수 ${PHASE[e.plan.phases.buy]}`,
    );
  } else {
    lines.push('진행 중인 계획 없음');
  }
  lines.push(`미완료 주문 ${e.liveOrders}건`);
  if (s.nextRun !== undefined) lines.push(`다음 실행: ${s.nextRun.date} ${s.nextRun.time} (매도 시작)`);
  lines.push(`설정 시각: 매도 ${s.settings.times.sell} · 매수 ${s.settings.times.buy}`);
  return lines.join('\n');
}
