import type { InlineKeyboardButton } from 'telegraf/types';

/** Rows of inline buttons under a message. */
export type Keyboard = InlineKeyboardButton[][];

/** Options of an outgoing message. */
export interface SendOptions {
  /** Text is HTML (`<b>`, `<pre>`; `& < >` escaped by the caller). */
  readonly html?: boolean;
  /** disable_notification. */
  readonly silent?: boolean;
  readonly keyboard?: Keyboard;
}

/**
 * The one way out to Telegram (bot/send/TelegramSender.ts): per-chat pacing, 429 retry_after, backoff on 5xx,
 * never a retry on 400/403, never an edit to identical content. Features depend on this shape only.
 */
export interface BotSender {
  sendText(chatId: number, text: string, options?: SendOptions): Promise<{ readonly messageId: number }>;
  /** Edits a message; 'unchanged' when the text and keyboard are what the message shows already (no call made). */
  editText(
    chatId: number,
    messageId: number,
    text: string,
    options?: Omit<SendOptions, 'silent'>,
  ): Promise<'edited' | 'unchanged'>;
  /** Answers a button press at once (not paced with the chat's messages). */
  answerCallback(callbackQueryId: string, text?: string, options?: { readonly alert?: boolean }): Promise<void>;
}
