import type { InlineKeyboard } from './InlineKeyboard.ts';

/** Messages remembered at most; the oldest is forgotten first (an edit of it is then simply sent). */
const MAX_REMEMBERED = 2_000;

/**
 * What each message the sender sent or edited shows now (text, parse mode, keyboard), so that an edit identical to
 * it is never sent: Telegram refuses it ("message is not modified") and it would cost a call of the chat's pace.
 */
export class ShownMessages {
  private readonly shown = new Map<string, string>();

  /** Whether the message shows exactly `state` (see shownState). */
  shows(chatId: number, messageId: number, state: string): boolean {
    return this.shown.get(messageKey(chatId, messageId)) === state;
  }

  /** Whether the message is known to have exactly `keyboard` (none = undefined or empty). */
  hasKeyboard(chatId: number, messageId: number, keyboard: InlineKeyboard | undefined): boolean {
    const known = this.shown.get(messageKey(chatId, messageId));
    return known !== undefined && (JSON.parse(known) as { k: string }).k === keyboardJson(keyboard);
  }

  /** The message shows `state` now. */
  remember(chatId: number, messageId: number, state: string): void {
    const key = messageKey(chatId, messageId);
    this.shown.delete(key);
    this.shown.set(key, state);
    if (this.shown.size > MAX_REMEMBERED) this.shown.delete(this.shown.keys().next().value as string);
  }

  /** A known message has `keyboard` now (its text is unchanged); an unknown one stays unknown. */
  rememberKeyboard(chatId: number, messageId: number, keyboard: InlineKeyboard | undefined): void {
    const now = this.shown.get(messageKey(chatId, messageId));
    if (now !== undefined) {
      this.remember(chatId, messageId, JSON.stringify({ ...JSON.parse(now), k: keyboardJson(keyboard) }));
    }
  }
}

/** What a message shows, as one comparable string. */
export function shownState(text: string, html: boolean, keyboard: InlineKeyboard | undefined): string {
  return JSON.stringify({ t: text, h: html, k: keyboardJson(keyboard) });
}

function messageKey(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}

function keyboardJson(keyboard: InlineKeyboard | undefined): string {
  return JSON.stringify(keyboard && keyboard.length > 0 ? keyboard.map((row) => row.map((b) => [b.text, b.data])) : []);
}
