import type { Context, MiddlewareFn } from 'telegraf';
import type { BotDeps } from '../deps.ts';

/**
 * Drops an update whose id was handled already (Telegram redelivers updates the bot had not confirmed when it
 * crashed or restarted): the id is claimed in Redis (SET NX) before anything is done, so a repeat changes nothing.
 */
export function dedupeUpdates(deps: Pick<BotDeps, 'memory' | 'logger'>): MiddlewareFn<Context> {
  return async (ctx, next) => {
    if (!(await deps.memory.firstSighting(ctx.update.update_id))) {
      deps.logger.info({ updateId: ctx.update.update_id }, 'update seen before: ignored');
      return;
    }
    return next();
  };
}
