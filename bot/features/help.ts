import { Composer, type Context } from 'telegraf';
import { helpText } from '../commandMenu.ts';
import type { BotDeps } from '../deps.ts';

/** `/start` and `/help`. */
export function helpFeature(deps: Pick<BotDeps, 'sender'>): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['start', 'help'], (ctx) => deps.sender.sendText(ctx.chat.id, helpText(), { html: true }));
  return c;
}
