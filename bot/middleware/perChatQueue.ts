import type { Context, MiddlewareFn } from 'telegraf';
import type { BotDeps } from '../deps.ts';
import { failureText } from '../text/failureText.ts';

/**
 * Runs the rest of the chain for a message detached from telegraf's update loop, one at a time per chat: polling
 * waits for a whole batch of updates before the next getUpdates, so a handler that awaits the broker (a /preview
 * reading the account) would hold every later update, button presses included. Button presses are not detached:
 * they are answered at once and do only Redis work. `/stop` jumps the queue: it runs at once beside whatever the
 * chat is waiting for (the kill switch must not wait for a /preview stuck on a slow broker). Errors are logged and
 * answered with one line.
 */
export function perChatQueue(deps: Pick<BotDeps, 'sender' | 'logger'>): MiddlewareFn<Context> & {
  idle(): Promise<void>;
  detach: DetachWork;
} {
  const tails = new Map<number, Promise<void>>();
  const urgent = new Set<Promise<void>>();
  const mw = (async (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (ctx.callbackQuery !== undefined || chatId === undefined) return next();
    const guarded = async () => {
      try {
        await next();
      } catch (err) {
        deps.logger.error({ err, chatId, updateId: ctx.update.update_id }, 'command failed');
        await deps.sender.sendText(chatId, failureText(err)).catch(() => {});
      }
    };
    if (isStopCommand(ctx)) {
      const run = guarded();
      urgent.add(run);
      void run.finally(() => urgent.delete(run));
      return;
    }
    enqueue(chatId, guarded);
  }) as MiddlewareFn<Context> & { idle(): Promise<void>; detach: DetachWork };
  const enqueue = (chatId: number, work: () => Promise<void>): void => {
    const prev = tails.get(chatId) ?? Promise.resolve();
    const run = prev.then(work);
    tails.set(chatId, run);
    void run.finally(() => {
      if (tails.get(chatId) === run) tails.delete(chatId);
    });
  };
  mw.detach = (chatId, updateId, work) =>
    enqueue(chatId, async () => {
      try {
        await work();
      } catch (err) {
        deps.logger.error({ err, chatId, updateId }, 'button work failed');
        await deps.sender.sendText(chatId, failureText(err)).catch(() => {});
      }
    });
  mw.idle = async () => {
    while (tails.size > 0 || urgent.size > 0) await Promise.all([...tails.values(), ...urgent]);
  };
  return mw;
}

/**
 * Runs a button's slow part (one that waits on the broker) after the press was answered, off telegraf's update loop,
 * in the chat's queue: a later update (a /stop) is not held by it, and a graceful stop waits for it.
 */
export type DetachWork = (chatId: number, updateId: number, work: () => Promise<void>) => void;

/** `/stop` (also `/stop@botname`, with or without arguments: its handler refuses bad ones). */
function isStopCommand(ctx: Context): boolean {
  const text = ctx.message !== undefined && 'text' in ctx.message ? ctx.message.text : undefined;
  return text !== undefined && /^\/stop(?:@\w+)?(?:\s|$)/.test(text);
}
