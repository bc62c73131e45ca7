import type { TradingMode } from '../../src/app/openAccount.ts';
import type { PhaseRun } from '../../src/domain/nextPhaseRun.ts';
import type { Plan } from '../../src/domain/types.ts';
import { won } from '../render/koreanWords.ts';
import type { InlineKeyboard } from '../send/InlineKeyboard.ts';
import { MODE_LABEL } from '../text/modeLabel.ts';
import { encodeButtonData, type PreviewTab } from './buttonData.ts';
import { previewTabPages } from './previewTable.ts';

/** What the preview message shows. */
export interface PreviewState {
  readonly mode: TradingMode;
  readonly planId: string;
  readonly hash: string;
  readonly plan: Plan;
  /** When it would run if approved now. */
  readonly runs?: PhaseRun;
  readonly tab: PreviewTab;
  readonly page: number;
}

const TAB_LABEL: Readonly<Record<PreviewTab, string>> = { sells: '매도', buys: '매수', excluded: '제외' };

/** The header lines of a preview (HTML). */
export function previewHeader(s: Pick<PreviewState, 'mode' | 'plan' | 'runs'>): string {
  const orders =
    s.plan.sells.reduce((n, l) => n + l.rounds.filter((q) => q > 0).length, 0) +
    s.plan.buys.reduce((n, l) => n + l.rounds.filter((q) => q > 0).length, 0);
  return [
    `<b>${MODE_LABEL[s.mode]} 리밸런싱 계획</b>`,
    `총 평가금액 ${won(s.plan.totalValue)} · 매매 후 현금 ${won(s.plan.projected.cash)}`,
    `예상 수수료·세금 ${won(s.plan.estimatedCosts)} · 주문 ${orders}건`,
    ...qualityLines(s.plan),
    s.runs !== undefined ? `실행: ${s.runs.date} ${s.runs.time} 매도 시작 (또는 승인 후 /run now)` : '',
  ]
    .filter((l) => l.length > 0)
    .join('\n');
}

/**
 * What the plan buys and what the settings cost, when the planner reported it: tracking error before -> after
 * (and with no drift band or minimum trade value, so the owner sees what the band buys), commission and tax, and
 * the legs the band and the minimum left out.
 */
function qualityLines(plan: Plan): string[] {
  const t = plan.tracking;
  if (t === undefined) return [];
  const pp = (x: number): string => `${x.toFixed(2)}%p`;
  const lines = [`추적오차 ${pp(t.before)} → ${pp(t.after)} (밴드·최소금액 없이 ${pp(t.withoutBand)})`];
  const fees = plan.estimatedFees;
  if (fees !== undefined) lines.push(`수수료 ${won(fees.commission)} · 세금 ${won(fees.tax)}`);
  const dropped = plan.droppedLegs;
  if (dropped !== undefined && dropped.band + dropped.minimum > 0) {
    lines.push(`밴드로 뺀 거래 ${dropped.band}건 · 최소금액으로 뺀 거래 ${dropped.minimum}건`);
  }
  return lines;
}

/** The preview message: header, one page of one tab, tab and page buttons, 승인/취소. */
export function previewMessage(s: PreviewState): { text: string; keyboard: InlineKeyboard; pages: number } {
  const pages = previewTabPages(s.plan, s.tab);
  const page = Math.min(Math.max(0, s.page), pages.length - 1);
  const text = `${previewHeader(s)}\n\n${pages[page] ?? ''}`;
  const view = (tab: PreviewTab, p: number) =>
    encodeButtonData({ kind: 'preview', planId: s.planId, hash: s.hash, action: 'view', tab, page: p });
  const tabs = (['sells', 'buys', 'excluded'] as const).map((tab) => ({
    text: tab === s.tab ? `• ${TAB_LABEL[tab]}` : TAB_LABEL[tab],
    data: view(tab, 0),
  }));
  const keyboard: Array<Array<{ text: string; data: string }>> = [tabs];
  if (pages.length > 1) {
    const nav: Array<{ text: string; data: string }> = [];
    if (page > 0) nav.push({ text: '◀', data: view(s.tab, page - 1) });
    if (page < pages.length - 1) nav.push({ text: '▶', data: view(s.tab, page + 1) });
    keyboard.push(nav);
  }
  keyboard.push([
    { text: '승인', data: encodeButtonData({ kind: 'preview', planId: s.planId, hash: s.hash, action: 'approve' }) },
    { text: '취소', data: encodeButtonData({ kind: 'preview', planId: s.planId, hash: s.hash, action: 'cancel' }) },
  ]);
  return { text, keyboard, pages: pages.length };
}
