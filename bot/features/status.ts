import { Composer, type Context } from 'telegraf';
import { accountStatus } from '../../src/app/accountStatus.ts';
import { liveOrders, todaysHistory } from '../../src/app/orderActivity.ts';
import { parseNoArgs } from '../commands/parseArgs.ts';
import type { BotDeps } from '../deps.ts';
import { historyText, ordersText } from '../text/ordersText.ts';
import { statusText } from '../text/statusText.ts';

/** `/status`, `/orders`, `/history`: read-only views, each one app call and one reply. */
export function statusFeature(deps: Pick<BotDeps, 'sender' | 'session' | 'settings' | 'now'>): Composer<Context> {
  const c = new Composer<Context>();
  c.command('status', async (ctx) => {
    const parsed = parseNoArgs(ctx.payload);
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    const s = await accountStatus(deps.session, deps.settings, deps.now());
    await deps.sender.sendText(ctx.chat.id, statusText(s), { html: true });
  });
  c.command('orders', async (ctx) => {
    const parsed = parseNoArgs(ctx.payload);
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    await deps.sender.sendText(ctx.chat.id, ordersText(await liveOrders(deps.session), deps.now()), { html: true });
  });
  c.command('history', async (ctx) => {
    const parsed = parseNoArgs(ctx.payload);
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    await deps.sender.sendText(ctx.chat.id, historyText(await todaysHistory(deps.session, deps.now())), { html: true });
  });
  return c;
}
