import type { InlineKeyboardMarkup } from 'telegraf/types';

/** An inline button that sends `data` (ASCII, at most 64 bytes: see bot/callbackData.ts) when pressed. */
export interface InlineButton {
  readonly text: string;
  readonly data: string;
}

/** Rows of inline buttons under a message. */
export type InlineKeyboard = ReadonlyArray<ReadonlyArray<InlineButton>>;

/** Telegram's reply_markup for `keyboard`. */
export function toReplyMarkup(keyboard: InlineKeyboard): InlineKeyboardMarkup {
  return { inline_keyboard: keyboard.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) };
}
