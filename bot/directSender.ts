import type { Telegram } from 'telegraf';
import type { BotSender } from './ports.ts';

/** A sender without pacing or retries, until bot/send/TelegramSender.ts is wired in. */
export function directSender(telegram: Telegram): BotSender {
  const last = new Map<string, string>();
  return {
    async sendText(chatId, text, options = {}) {
      const m = await telegram.sendMessage(chatId, text, {
        ...(options.html ? { parse_mode: 'HTML' as const } : {}),
        ...(options.silent ? { disable_notification: true } : {}),
        ...(options.keyboard ? { reply_markup: { inline_keyboard: options.keyboard } } : {}),
      });
      last.set(`${chatId}:${m.message_id}`, JSON.stringify([text, options.keyboard ?? []]));
      return { messageId: m.message_id };
    },
    async editText(chatId, messageId, text, options = {}) {
      const key = `${chatId}:${messageId}`;
      const next = JSON.stringify([text, options.keyboard ?? []]);
      if (last.get(key) === next) return 'unchanged';
      await telegram.editMessageText(chatId, messageId, undefined, text, {
        ...(options.html ? { parse_mode: 'HTML' as const } : {}),
        reply_markup: { inline_keyboard: options.keyboard ?? [] },
      });
      last.set(key, next);
      return 'edited';
    },
    async answerCallback(id, text, options = {}) {
      await telegram.answerCbQuery(id, text, { show_alert: options.alert === true });
    },
  };
}
