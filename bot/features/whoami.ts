import { Composer, type Context } from 'telegraf';
import type { BotDeps } from '../deps.ts';

/** `/whoami`: answers anyone (before the allow-list) with their own chat and user id, and does nothing else. */
export function whoamiFeature(deps: Pick<BotDeps, 'sender' | 'logger'>): Composer<Context> {
  const c = new Composer<Context>();
  c.command('whoami', async (ctx) => {
    deps.logger.info({ chatId: ctx.chat.id, userId: ctx.from.id }, '/whoami');
    await deps.sender.sendText(
      ctx.chat.id,
      `채팅 ID: ${ctx.chat.id}\n사용자 ID: ${ctx.from.id}\n이 봇을 쓰려면 두 ID를 TELEGRAM_ALLOWED_CHAT_IDS에 넣으세요 (개인 채팅에서는 같은 값).`,
    );
  });
  return c;
}
