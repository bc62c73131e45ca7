import type { Context, MiddlewareFn, Telegraf } from 'telegraf';
import type { BotDeps } from './deps.ts';
import { helpFeature } from './features/help.ts';
import { ledgerFeature } from './features/ledger.ts';
import { paperFeature } from './features/paper.ts';
import { previewFeature } from './features/preview.ts';
import { runFeature } from './features/run.ts';
import { settingsFeature } from './features/settings.ts';
import { statusFeature } from './features/status.ts';
import { stopResumeFeature } from './features/stopResume.ts';
import { whoamiFeature } from './features/whoami.ts';
import { allowedChats } from './middleware/allowedChats.ts';
import { dedupeUpdates } from './middleware/dedupeUpdates.ts';
import { perChatQueue } from './middleware/perChatQueue.ts';
import { unknownCommand } from './middleware/unknownCommand.ts';

/** Features added by startBot that need more than BotDeps (preview, notify, ledger...). */
export type ExtraFeature = MiddlewareFn<Context>;

/**
 * Wires the bot: /whoami (anyone), then the allow-list (every update, button presses included), update-id dedupe,
 * the per-chat queue that keeps slow commands off telegraf's update loop, then one composer per feature, and a
 * last answer for a command nobody handled. No handler is written here. Returns a function that waits until
 * every queued command has finished (graceful stop).
 */
export function createBot(
  bot: Telegraf<Context>,
  deps: BotDeps,
  extra: readonly ExtraFeature[] = [],
): { readonly idle: () => Promise<void> } {
  const queue = perChatQueue(deps);
  bot.catch((err, ctx) => {
    deps.logger.error({ err, updateId: ctx.update.update_id }, 'update handler failed');
  });
  bot.use(whoamiFeature(deps));
  bot.use(allowedChats(deps));
  bot.use(dedupeUpdates(deps));
  bot.use(queue);
  bot.use(helpFeature(deps));
  bot.use(settingsFeature(deps));
  bot.use(statusFeature(deps));
  bot.use(runFeature(deps));
  bot.use(previewFeature(deps));
  bot.use(stopResumeFeature(deps));
  bot.use(paperFeature(deps));
  bot.use(ledgerFeature({ ...deps, detach: queue.detach }));
  for (const feature of extra) bot.use(feature);
  bot.use(unknownCommand(deps));
  return { idle: () => queue.idle() };
}
