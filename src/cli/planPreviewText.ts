import { type PlanTab, renderPlanTab } from '../../bot/preview/renderPlanPreview.ts';
import type { Plan } from '../domain/types.ts';

/** The tabs in the order the terminal shows them. */
const TABS: readonly PlanTab[] = ['sells', 'buys', 'excluded'];

/**
 * The plan preview the bot sends (bot/preview/renderPlanPreview.ts), as terminal lines: every tab's messages one
 * after the other, HTML tags removed and entities unescaped, a blank line between messages. The tables line up by
 * display width, as in Telegram's monospace blocks.
 */
export function planPreviewText(plan: Plan): string[] {
  const lines: string[] = [];
  for (const tab of TABS) {
    for (const message of renderPlanTab(plan, tab)) {
      if (lines.length > 0) lines.push('');
      lines.push(...htmlToText(message).split('\n'));
    }
  }
  return lines;
}

/**
 * Telegram HTML as plain text: tags dropped, then the entities escapeHtml writes (`&lt;` `&gt;` `&quot;` `&amp;`,
 * plus `&#39;`) turned back into characters. `&amp;` goes last so `&amp;lt;` becomes `&lt;`, not `<`.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
