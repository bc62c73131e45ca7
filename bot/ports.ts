import type { TelegramSender } from './send/TelegramSender.ts';

/** The part of THE sender (bot/send/TelegramSender.ts) that features use: replies, edits, button answers. */
export type BotSender = Pick<TelegramSender, 'sendText' | 'editText' | 'editKeyboard' | 'answerCallback'>;
