import type { Context, MiddlewareFn } from 'telegraf';
import type { BotDeps } from '../deps.ts';

/** One polite refusal per chat per hour at most. */
export const REFUSAL_WINDOW_MS = 3_600_000;

export const REFUSAL_TEXT =
  '이 봇은 허가된 사용자만 쓸 수 있습니다. 관리자라면 /whoami 로 내 ID를 확인해 TELEGRAM_ALLOWED_CHAT_IDS에 넣으세요.';

/**
 * The first middleware, for every update (messages and button presses alike): the update's chat id and user id
 * must both be in TELEGRAM_ALLOWED_CHAT_IDS (in a private chat they are the same id). Anyone else gets nothing done:
 * the attempt is logged with its ids, a button press is answered without a word, and a message gets at most one
 * polite refusal per chat per hour. `/whoami` is the exception (whoamiFeature runs before this).
 */
export function allowedChats(deps: Pick<BotDeps, 'allowed' | 'memory' | 'sender' | 'logger'>): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const chatId = ctx.chat?.id;
    const userId = ctx.from?.id;
    if (chatId !== undefined && userId !== undefined && deps.allowed.has(chatId) && deps.allowed.has(userId)) {
      return next();
    }
    deps.logger.warn(
      { chatId, userId, updateId: ctx.update.update_id, kind: ctx.updateType },
      'update from a chat or user not allowed: ignored',
    );
    const cb = ctx.callbackQuery;
    if (cb !== undefined) {
      await deps.sender.answerCallback(cb.id).catch(() => {});
      return;
    }
    if (chatId !== undefined && ctx.message !== undefined && (await deps.memory.mayRefuse(chatId, REFUSAL_WINDOW_MS))) {
      await deps.sender.sendText(chatId, REFUSAL_TEXT).catch(() => {});
    }
  };
}
