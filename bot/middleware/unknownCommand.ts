import type { Context, MiddlewareFn } from 'telegraf';
import type { BotDeps } from '../deps.ts';

/**
 * The last middleware: a message nobody handled gets one line pointing at /help (a typo'd command must not pass
 * in silence); a button nobody recognised is answered with an alert so the spinner stops.
 */
export function unknownCommand(deps: Pick<BotDeps, 'sender'>): MiddlewareFn<Context> {
  return async (ctx) => {
    const cb = ctx.callbackQuery;
    if (cb !== undefined) {
      await deps.sender.answerCallback(cb.id, '알 수 없는 버튼입니다. 아무것도 하지 않았습니다.', { alert: true });
      return;
    }
    if (ctx.chat !== undefined && ctx.message !== undefined) {
      await deps.sender.sendText(ctx.chat.id, '❓ 알 수 없는 명령입니다. /help 로 명령 목록을 보세요.');
    }
  };
}
