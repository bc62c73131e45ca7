import type { ExcludedHolding, Plan, PlanLeg } from '../domain/types.ts';
import { truncateDisplay } from './displayWidth.ts';
import { formatInteger, formatPercent, formatWon } from './formatNumber.ts';
import { formatRounds } from './formatRounds.ts';
import { type TableColumn, type TextTable, textTable } from './textTable.ts';

/**
 * What a plan preview says, as plain text with no markup: the words (Korean: the chat's language, and the demo
 * prints the same preview in the terminal) and the tables. The bot wraps them in Telegram HTML
 * (bot/preview/renderPlanPreview.ts, bot/features/previewTable.ts); the CLI prints them as they are
 * (src/cli/planPreviewText.ts).
 */

/** The preview's tabs, switched with buttons. */
export type PlanTab = 'sells' | 'buys' | 'excluded';

/** Korean title of each tab (for the message header and the tab buttons). */
export const PLAN_TAB_TITLES: Readonly<Record<PlanTab, string>> = {
  sells: '매도 계획',
  buys: '매수 계획',
  excluded: '제외 종목',
};

/** What an empty tab says. */
export const PLAN_TAB_EMPTY: Readonly<Record<PlanTab, string>> = {
  sells: '매도할 종목이 없습니다.',
  buys: '매수할 종목이 없습니다.',
  excluded: '제외된 종목이 없습니다.',
};

/** Why a holding is left out of the plan, in a table cell. */
export const EXCLUSION_REASONS: Readonly<Record<ExcludedHolding['reason'], string>> = {
  excluded: '제외',
  'not-tradable': '거래불가',
};

/** Widest 회차 cell; a leg with unusually uneven rounds is cut with an ellipsis rather than widen the table. */
const ROUNDS_WIDTH = 24;

const LEG_COLUMNS: readonly TableColumn[] = [
  { header: '종목', align: 'left' },
  { header: '현재가', align: 'right' },
  { header: '금액', align: 'right' },
  { header: '목표', align: 'right' },
  { header: '수량', align: 'right' },
  { header: '회차', align: 'left' },
];
const EXCLUDED_COLUMNS: readonly TableColumn[] = [
  { header: '종목', align: 'left' },
  { header: '수량', align: 'right' },
  { header: '평가액', align: 'right' },
  { header: '사유', align: 'left' },
];

/** One tab of a plan preview, unformatted. */
export interface PlanTabContent {
  /** The tab's title (PLAN_TAB_TITLES). */
  readonly title: string;
  /** After the title on its line: `3종목 · 합계 1,234원`; absent for an empty tab. */
  readonly summary?: string;
  /** What the plan buys and costs (tracking error, fees and tax, dropped legs), one entry a line; may be empty. */
  readonly quality: readonly string[];
  /** The table (absent for an empty tab, which says PLAN_TAB_EMPTY instead). */
  readonly table?: TextTable;
  /** The closing lines: projected cash and costs. */
  readonly footer: readonly string[];
}

/**
 * One tab of `plan`. Columns: sells/buys 종목 현재가 금액(qty x price) 목표(target %) 수량 회차 (see formatRounds);
 * excluded 종목 수량 평가액 사유. Names are cut to `nameWidth` display columns (nameCell).
 */
export function planTabContent(plan: Plan, tab: PlanTab, nameWidth: number): PlanTabContent {
  const base = { title: PLAN_TAB_TITLES[tab], quality: qualityLines(plan), footer: footerOf(plan, tab) };
  const content = tab === 'excluded' ? excludedTable(plan.excluded, nameWidth) : legTable(legsOf(plan, tab), nameWidth);
  if (content.count === 0) return base;
  return {
    ...base,
    summary: `${content.count}종목 · ${content.totalLabel} ${formatWon(content.total)}`,
    table: content.table,
  };
}

/**
 * A name as one table cell: control characters (a newline would break the table) become spaces; an empty name
 * falls back to the code; a long one is cut to `width` columns.
 */
export function nameCell(name: string, code: string, width: number): string {
  const clean = name.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').trim();
  return truncateDisplay(clean.length > 0 ? clean : code, width);
}

interface TabTable {
  readonly count: number;
  readonly total: number;
  readonly totalLabel: string;
  readonly table: TextTable;
}

function legsOf(plan: Plan, tab: 'sells' | 'buys'): readonly PlanLeg[] {
  return tab === 'sells' ? plan.sells : plan.buys;
}

function legTable(legs: readonly PlanLeg[], nameWidth: number): TabTable {
  let total = 0;
  const rows = legs.map((leg) => {
    const value = leg.qty * leg.price;
    total += value;
    return [
      nameCell(leg.name, leg.code, nameWidth),
      formatInteger(leg.price),
      formatInteger(value),
      formatPercent(leg.targetPct, 1),
      formatInteger(leg.qty),
      truncateDisplay(formatRounds(leg.rounds), ROUNDS_WIDTH),
    ];
  });
  return { count: legs.length, total, totalLabel: '합계', table: textTable(LEG_COLUMNS, rows) };
}

function excludedTable(excluded: readonly ExcludedHolding[], nameWidth: number): TabTable {
  let total = 0;
  const rows = excluded.map((h) => {
    total += h.value;
    return [
      nameCell(h.name, h.code, nameWidth),
      formatInteger(h.qty),
      formatInteger(h.value),
      EXCLUSION_REASONS[h.reason],
    ];
  });
  return { count: excluded.length, total, totalLabel: '평가액', table: textTable(EXCLUDED_COLUMNS, rows) };
}

/**
 * The lines on what the plan buys and costs, when the planner reported it: tracking error before → after (and
 * without the drift band and minimum), estimated commission and tax, and the legs the band and the minimum
 * dropped. None for a plan without these figures.
 */
function qualityLines(plan: Plan): string[] {
  const t = plan.tracking;
  if (t === undefined) return [];
  const pp = (x: number): string => `${x.toFixed(2)}%p`;
  const bound = t.optimal ? '' : ` · 하한 ${pp(t.lowerBound)}`;
  const lines = [`추적오차 ${pp(t.before)} → ${pp(t.after)} (밴드·최소금액 없이 ${pp(t.withoutBand)})${bound}`];
  const fees = plan.estimatedFees;
  if (fees !== undefined) lines.push(`수수료 ${formatWon(fees.commission)} · 세금 ${formatWon(fees.tax)}`);
  const dropped = plan.droppedLegs;
  if (dropped !== undefined && dropped.band + dropped.minimum > 0) {
    const words = `제외한 거래: 밴드 ${dropped.band}건, 최소금액 ${dropped.minimum}건`;
    if (fees === undefined) lines.push(words);
    else lines[lines.length - 1] += ` · ${words}`;
  }
  return lines;
}

function footerOf(plan: Plan, tab: PlanTab): string[] {
  const cash = `예상 현금 ${formatWon(plan.projected.cash)}`;
  if (tab === 'excluded') return ['제외 종목은 거래하지 않고 비중 계산에서 빠집니다.', cash];
  return [`${cash} · 예상 비용 ${formatWon(plan.estimatedCosts)}`];
}
