import type { ExcludedHolding, Plan, PlanLeg } from '../../src/domain/types.ts';
import { truncateDisplay } from './displayWidth.ts';
import { escapeHtml } from './escapeHtml.ts';
import { formatInteger, formatPercent, formatWon } from './formatNumber.ts';
import { formatRounds } from './formatRounds.ts';
import { type TableColumn, type TextTable, textTable } from './textTable.ts';

/** The preview's tabs, switched with buttons. */
export type PlanTab = 'sells' | 'buys' | 'excluded';

/** Telegram's limit on a message's text, in UTF-16 code units after entity parsing. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Layout settings of the preview. */
export interface RenderPlanOptions {
  /** Display columns for a name (a Hangul syllable takes 2); longer names are cut with `…`. Default 10. */
  readonly nameWidth?: number | undefined;
  /**
   * Longest message, counted on the raw HTML (which is never shorter than the parsed text Telegram counts).
   * Default 4000: under TELEGRAM_MESSAGE_LIMIT with room to spare. Must be 1000..4096, which always holds at
   * least one row (names are cut to at most 40 columns and the 회차 cell to ROUNDS_WIDTH).
   */
  readonly maxLength?: number | undefined;
}

const DEFAULT_NAME_WIDTH = 10;
const DEFAULT_MAX_LENGTH = 4000;
const MIN_MAX_LENGTH = 1000;
/** Widest 회차 cell; a leg with unusually uneven rounds is cut with an ellipsis rather than widen the table. */
const ROUNDS_WIDTH = 24;

/** Korean title of each tab (for the message header and the tab buttons). */
export const PLAN_TAB_TITLES: Readonly<Record<PlanTab, string>> = {
  sells: '매도 계획',
  buys: '매수 계획',
  excluded: '제외 종목',
};
const EMPTY: Readonly<Record<PlanTab, string>> = {
  sells: '매도할 종목이 없습니다.',
  buys: '매수할 종목이 없습니다.',
  excluded: '제외된 종목이 없습니다.',
};
const REASONS: Readonly<Record<ExcludedHolding['reason'], string>> = { excluded: '제외', 'not-tradable': '거래불가' };

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

/**
 * One tab of a plan preview as Telegram HTML messages (parse_mode HTML), in order. The first message starts with
 * a bold title, the number of codes and the total, then (when the plan has them) the tracking error before and
 * after, the fees and tax and the legs the band and minimum dropped; the table sits in a `<pre>` block whose columns line up by
 * display width; the last message ends with the projected cash. A table too long for one message continues in
 * further messages, each with its own title line `(2/3)`, its own `<pre>` block and the table's header row again.
 * Columns: sells/buys 종목 현재가 금액(qty x price) 목표(target %) 수량 회차 (see formatRounds); excluded
 * 종목 수량 평가액 사유. Names are cut to `nameWidth` and HTML-escaped. An empty tab is one message saying so.
 */
export function renderPlanTab(plan: Plan, tab: PlanTab, options: RenderPlanOptions = {}): string[] {
  const nameWidth = options.nameWidth ?? DEFAULT_NAME_WIDTH;
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (!Number.isSafeInteger(nameWidth) || nameWidth < 4 || nameWidth > 40) {
    throw new RangeError(`nameWidth must be a whole number 4..40: ${nameWidth}`);
  }
  if (!Number.isSafeInteger(maxLength) || maxLength < MIN_MAX_LENGTH || maxLength > TELEGRAM_MESSAGE_LIMIT) {
    throw new RangeError(`maxLength must be a whole number ${MIN_MAX_LENGTH}..${TELEGRAM_MESSAGE_LIMIT}: ${maxLength}`);
  }
  if (tab !== 'sells' && tab !== 'buys' && tab !== 'excluded') throw new RangeError(`unknown tab: ${String(tab)}`);

  const title = `<b>${PLAN_TAB_TITLES[tab]}</b>`;
  const footer = footerOf(plan, tab);
  const quality = qualityLines(plan);
  const content = tab === 'excluded' ? excludedTable(plan.excluded, nameWidth) : legTable(legsOf(plan, tab), nameWidth);
  if (content.count === 0) return [`${title}${quality}\n${EMPTY[tab]}\n\n${footer}`];

  const summary = `${title} ${content.count}종목 · ${content.totalLabel} ${formatWon(content.total)}`;
  const head = content.table.head.map(escapeHtml).join('\n');
  const rows = content.table.rows.map(escapeHtml);
  const pages = paginate(rows, `${summary}${quality}`, title, head, footer, maxLength);
  return pages.map((pageRows, i) => {
    const label = pages.length > 1 ? ` (${i + 1}/${pages.length})` : '';
    const first = i === 0 ? `${summary}${label}${quality}` : `${title}${label}`;
    const last = i === pages.length - 1 ? `\n${footer}` : '';
    return `${first}\n<pre>${head}\n${pageRows.join('\n')}</pre>${last}`;
  });
}

/** Every tab of the preview, rendered as renderPlanTab does. */
export function renderPlanPreview(plan: Plan, options: RenderPlanOptions = {}): Record<PlanTab, string[]> {
  return {
    sells: renderPlanTab(plan, 'sells', options),
    buys: renderPlanTab(plan, 'buys', options),
    excluded: renderPlanTab(plan, 'excluded', options),
  };
}

interface TabContent {
  readonly count: number;
  readonly total: number;
  readonly totalLabel: string;
  readonly table: TextTable;
}

function legsOf(plan: Plan, tab: 'sells' | 'buys'): readonly PlanLeg[] {
  return tab === 'sells' ? plan.sells : plan.buys;
}

function legTable(legs: readonly PlanLeg[], nameWidth: number): TabContent {
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

function excludedTable(excluded: readonly ExcludedHolding[], nameWidth: number): TabContent {
  let total = 0;
  const rows = excluded.map((h) => {
    total += h.value;
    return [nameCell(h.name, h.code, nameWidth), formatInteger(h.qty), formatInteger(h.value), REASONS[h.reason]];
  });
  return { count: excluded.length, total, totalLabel: '평가액', table: textTable(EXCLUDED_COLUMNS, rows) };
}

/**
 * The first message's header lines on what the plan buys and costs, when the planner reported it: tracking error
 * before → after (and without the drift band and minimum), estimated commission and tax, and the legs the band
 * and the minimum dropped. Empty for a plan without these figures.
 */
function qualityLines(plan: Plan): string {
  const t = plan.tracking;
  if (t === undefined) return '';
  const pp = (x: number): string => `${x.toFixed(2)}%p`;
  const bound = t.optimal ? '' : ` · 하한 ${pp(t.lowerBound)}`;
  let line = `\n추적오차 ${pp(t.before)} → ${pp(t.after)} (밴드·최소금액 없이 ${pp(t.withoutBand)})${bound}`;
  const fees = plan.estimatedFees;
  if (fees !== undefined) line += `\n수수료 ${formatWon(fees.commission)} · 세금 ${formatWon(fees.tax)}`;
  const dropped = plan.droppedLegs;
  if (dropped !== undefined && dropped.band + dropped.minimum > 0) {
    line += `${fees === undefined ? '\n' : ' · '}제외한 거래: 밴드 ${dropped.band}건, 최소금액 ${dropped.minimum}건`;
  }
  return line;
}

function footerOf(plan: Plan, tab: PlanTab): string {
  const cash = `예상 현금 ${formatWon(plan.projected.cash)}`;
  if (tab === 'excluded') return `제외 종목은 거래하지 않고 비중 계산에서 빠집니다.\n${cash}`;
  return `${cash} · 예상 비용 ${formatWon(plan.estimatedCosts)}`;
}

/**
 * A name as one table cell: control characters (a newline would break the table) become spaces; an empty name
 * falls back to the code; a long one is cut to `width` columns.
 */
function nameCell(name: string, code: string, width: number): string {
  const clean = name.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').trim();
  return truncateDisplay(clean.length > 0 ? clean : code, width);
}

/**
 * Packs rows greedily into pages so that every message, built as renderPlanTab builds it, stays within
 * `maxLength`. The budget reserves the longest possible title line and the footer on every page, so page labels
 * and the footer can be added afterwards without overflowing.
 */
function paginate(
  rows: readonly string[],
  summary: string,
  title: string,
  head: string,
  footer: string,
  maxLength: number,
): string[][] {
  const worstLabel = ` (${rows.length}/${rows.length})`;
  const titleLine = Math.max(summary.length, title.length) + worstLabel.length;
  // title line + "\n<pre>" + head + "\n" + rows + "</pre>" + "\n" + footer
  const overhead = titleLine + 1 + '<pre>'.length + head.length + 1 + '</pre>'.length + 1 + footer.length;
  const budget = maxLength - overhead;
  const pages: string[][] = [];
  let page: string[] = [];
  let used = 0;
  for (const row of rows) {
    const cost = row.length + (page.length > 0 ? 1 : 0);
    if (row.length > budget) throw new RangeError(`a table row is too long for a message of ${maxLength} characters`);
    if (used + cost > budget) {
      pages.push(page);
      page = [row];
      used = row.length;
    } else {
      page.push(row);
      used += cost;
    }
  }
  pages.push(page);
  return pages;
}
