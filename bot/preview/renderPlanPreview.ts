import type { Plan } from '../../src/domain/types.ts';
import { PLAN_TAB_EMPTY, type PlanTab, planTabContent } from '../../src/text/planTabContent.ts';
import { escapeHtml } from './escapeHtml.ts';

/** Telegram's limit on a message's text, in UTF-16 code units after entity parsing. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Layout settings of the preview. */
export interface RenderPlanOptions {
  /** Display columns for a name (a Hangul syllable takes 2); longer names are cut with `…`. Default 10. */
  readonly nameWidth?: number | undefined;
  /**
   * Longest message, counted on the raw HTML (which is never shorter than the parsed text Telegram counts).
   * Default 4000: under TELEGRAM_MESSAGE_LIMIT with room to spare. Must be 1000..4096, which always holds at
   * least one row (names are cut to at most 40 columns and the 회차 cell to a fixed width, see planTabContent).
   */
  readonly maxLength?: number | undefined;
}

const DEFAULT_NAME_WIDTH = 10;
const DEFAULT_MAX_LENGTH = 4000;
const MIN_MAX_LENGTH = 1000;

/**
 * One tab of a plan preview (planTabContent: the words and the table) as Telegram HTML messages (parse_mode HTML),
 * in order. The first message starts with a bold title, the number of codes and the total, then (when the plan has
 * them) the tracking error before and after, the fees and tax and the legs the band and minimum dropped; the table
 * sits in a `<pre>` block whose columns line up by display width; the last message ends with the projected cash.
 * A table too long for one message continues in further messages, each with its own title line `(2/3)`, its own
 * `<pre>` block and the table's header row again. Table cells are HTML-escaped. An empty tab is one message saying
 * so.
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

  const content = planTabContent(plan, tab, nameWidth);
  const title = `<b>${content.title}</b>`;
  const footer = content.footer.join('\n');
  const quality = content.quality.map((line) => `\n${line}`).join('');
  if (content.table === undefined || content.summary === undefined) {
    return [`${title}${quality}\n${PLAN_TAB_EMPTY[tab]}\n\n${footer}`];
  }
  const summary = `${title} ${content.summary}`;
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
