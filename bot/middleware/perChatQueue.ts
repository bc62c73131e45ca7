import type { Context, MiddlewareFn } from 'telegraf';
import type { BotDeps } from '../deps.ts';
import { failureText } from '../text/failureText.ts';

/**
 * Runs the rest of the chain for a message detached from telegraf's update loop, one at a time per chat: polling
 * waits for a whole batch of updates before the next getUpdates, so a handler that awaits the broker (a /preview
 * reading the account) would hold every later update, button presses included. Button presses are not detached:
 * they are answered at once and do only Redis work. Errors are logged and answered with one line.
 */
export function perChatQueue(deps: Pick<BotDeps, 'sender' | 'logger'>): MiddlewareFn<Context> & {
  idle(): Promise<void>;
} {
  const tails = new Map<number, Promise<void>>();
  const mw = (async (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (ctx.callbackQuery !== undefined || chatId === undefined) return next();
    const prev = tails.get(chatId) ?? Promise.resolve();
    const run = prev.then(async () => {
      try {
        await next();
      } catch (err) {
        deps.logger.error({ err, chatId, updateId: ctx.update.update_id }, 'command failed');
        await deps.sender.sendText(chatId, failureText(err)).catch(() => {});
      }
    });
    tails.set(chatId, run);
    void run.finally(() => {
      if (tails.get(chatId) === run) tails.delete(chatId);
    });
  }) as MiddlewareFn<Context> & { idle(): Promise<void> };
  mw.idle = async () => {
    while (tails.size > 0) await Promise.all([...tails.values()]);
  };
  return mw;
}
