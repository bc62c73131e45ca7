/** Local stand-in for the Telegram Bot API (see BotApiStandIn.ts). */
export {
  type BotApiStandIn,
  type BotApiStandInOptions,
  startBotApiStandIn,
  type WebhookDelivery,
} from './BotApiStandIn.ts';
export type { BotApiFault, InlineKeyboardMarkup, RecordedCall, TestUser, TranscriptMessage } from './botApiTypes.ts';
export { readTelegramHtml } from './telegramHtml.ts';
