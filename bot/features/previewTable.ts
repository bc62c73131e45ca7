import type { ExcludedHolding, Plan, PlanLeg } from '../../src/domain/types.ts';
import { truncateDisplay } from '../../src/text/displayWidth.ts';
import { formatInteger, formatWon } from '../../src/text/formatNumber.ts';
import { formatRounds } from '../../src/text/formatRounds.ts';
import { EXCLUSION_REASONS, nameCell, PLAN_TAB_EMPTY, PLAN_TAB_TITLES } from '../../src/text/planTabContent.ts';
import { type TableColumn, textTable } from '../../src/text/textTable.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';
import type { PreviewTab } from './buttonData.ts';

/** Rows of a tab on one page (issue 8: pages of at most ~25 rows). */
export const ROWS_PER_PAGE = 25;
/** Display columns of a name; longer names are cut with `…`. */
const NAME_WIDTH = 10;
/** Widest 회차 cell. */
const ROUNDS_WIDTH = 20;

const SELL_COLUMNS: readonly TableColumn[] = [
  { header: '종목명', align: 'left' },
  { header: '현재가', align: 'right' },
  { header: '평가금액', align: 'right' },
  { header: '목표금액', align: 'right' },
  { header: '총매도', align: 'right' },
  { header: '회차별 수량', align: 'left' },
];
const BUY_COLUMNS: readonly TableColumn[] = [
  { header: '종목명', align: 'left' },
  { header: '현재가', align: 'right' },
  { header: '평가금액', align: 'right' },
  { header: '목표금액', align: 'right' },
  { header: '총매수', align: 'right' },
  { header: '총매수금액', align: 'right' },
  { header: '회차별 수량', align: 'left' },
  { header: '회차별 금액', align: 'left' },
];
const EXCLUDED_COLUMNS: readonly TableColumn[] = [
  { header: '종목명', align: 'left' },
  { header: '수량', align: 'right' },
  { header: '평가금액', align: 'right' },
  { header: '사유', align: 'left' },
];

/**
 * One tab of the preview as pages of at most ROWS_PER_PAGE rows (Telegram HTML): a bold title with the count and the
 * total, then a `<pre>` table padded by display width (Hangul is two columns). Sells: 종목명, 현재가, 평가금액,
 * 목표금액, 총 매도수량, 회차별 수량; buys add 총 매수금액 and 회차별 금액; excluded: 종목명, 수량, 평가금액, 사유.
 * A page of 25 rows stays far under 4096 characters (names and 회차 cells are cut to fixed widths).
 */
export function previewTabPages(plan: Plan, tab: PreviewTab): string[] {
  const count = tab === 'sells' ? plan.sells.length : tab === 'buys' ? plan.buys.length : plan.excluded.length;
  if (count === 0) return [`<b>${PLAN_TAB_TITLES[tab]}</b>\n${PLAN_TAB_EMPTY[tab]}`];
  const total =
    tab === 'excluded'
      ? plan.excluded.reduce((s, h) => s + h.value, 0)
      : (tab === 'sells' ? plan.sells : plan.buys).reduce((s, l) => s + l.qty * l.price, 0);
  const totalLabel = tab === 'sells' ? '매도 합계' : tab === 'buys' ? '매수 합계' : '평가액';
  const table =
    tab === 'excluded'
      ? textTable(EXCLUDED_COLUMNS, plan.excluded.map(excludedRow))
      : textTable(
          tab === 'sells' ? SELL_COLUMNS : BUY_COLUMNS,
          (tab === 'sells' ? plan.sells : plan.buys).map((l) => legRow(l, tab)),
        );
  const head = table.head.map(escapeHtml).join('\n');
  const pages: string[] = [];
  const pageCount = Math.ceil(table.rows.length / ROWS_PER_PAGE);
  for (let p = 0; p < pageCount; p++) {
    const rows = table.rows.slice(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE).map(escapeHtml);
    const label = pageCount > 1 ? ` (${p + 1}/${pageCount})` : '';
    pages.push(
      `<b>${PLAN_TAB_TITLES[tab]}</b> ${count}종목 · ${totalLabel} ${formatWon(total)}${label}\n<pre>${head}\n${rows.join('\n')}</pre>`,
    );
  }
  return pages;
}

function legRow(l: PlanLeg, tab: 'sells' | 'buys'): string[] {
  const common = [
    nameCell(l.name, l.code, NAME_WIDTH),
    formatInteger(l.price),
    formatInteger(l.heldQty * l.price),
    formatInteger(l.targetValue),
    formatInteger(l.qty),
  ];
  const rounds = truncateDisplay(formatRounds(l.rounds), ROUNDS_WIDTH);
  if (tab === 'sells') return [...common, rounds];
  const amounts = truncateDisplay(formatRounds(l.rounds.map((q) => q * l.price)), ROUNDS_WIDTH);
  return [...common, formatInteger(l.qty * l.price), rounds, amounts];
}

function excludedRow(h: ExcludedHolding): string[] {
  return [
    nameCell(h.name, h.code, NAME_WIDTH),
    formatInteger(h.qty),
    formatInteger(h.value),
    EXCLUSION_REASONS[h.reason],
  ];
}
