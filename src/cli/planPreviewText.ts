import type { Plan } from '../domain/types.ts';
import { PLAN_TAB_EMPTY, type PlanTab, planTabContent } from '../text/planTabContent.ts';

/** The tabs in the order the terminal shows them. */
const TABS: readonly PlanTab[] = ['sells', 'buys', 'excluded'];

/** Display columns for a name, as in the bot's preview. */
const NAME_WIDTH = 10;

/**
 * The plan preview the bot shows (the same words and tables, src/text/planTabContent.ts), as terminal lines: each
 * tab's title line, its figures, its table and its closing lines, a blank line between tabs. Plain text from the
 * start (no Telegram HTML to strip), one table per tab (a terminal has no message length limit). The tables line
 * up by display width.
 */
export function planPreviewText(plan: Plan): string[] {
  const lines: string[] = [];
  for (const tab of TABS) {
    const content = planTabContent(plan, tab, NAME_WIDTH);
    if (lines.length > 0) lines.push('');
    if (content.table === undefined || content.summary === undefined) {
      lines.push(content.title, ...content.quality, PLAN_TAB_EMPTY[tab], '', ...content.footer);
      continue;
    }
    lines.push(`${content.title} ${content.summary}`, ...content.quality);
    lines.push(...content.table.head, ...content.table.rows, ...content.footer);
  }
  return lines;
}
