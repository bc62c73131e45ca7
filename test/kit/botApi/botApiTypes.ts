/** Types of the Bot API stand-in: what it records, what it keeps per chat, and the faults it can inject. */

/** One request as it arrived (faulted ones too), with its parameters parsed from JSON, a form or the query. */
export interface RecordedCall {
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Date.now() on arrival. */
  readonly at: number;
  /** The fault answered instead of the method, if one was injected for this call. */
  readonly fault?: BotApiFault;
  /** `ok` of the answer, or undefined when the connection was dropped. Set when the answer is sent. */
  ok?: boolean;
  /** Error code of a refused call. */
  errorCode?: number;
}

/** A message as it stands after edits, as the chat shows it. */
export interface TranscriptMessage {
  readonly messageId: number;
  readonly chatId: number;
  /** Who wrote it: the bot (sendMessage) or a user (an update fed by the test). */
  readonly from: 'bot' | 'user';
  /** Text as sent (HTML markup kept when parse_mode is HTML). */
  text: string;
  /** Text as the user sees it (tags removed, entities decoded). */
  plain: string;
  parseMode?: string;
  /** Inline keyboard now under the message (undefined once removed). */
  replyMarkup?: InlineKeyboardMarkup;
  readonly silent: boolean;
  /** How many times the text or the keyboard was edited. */
  edits: number;
  readonly date: number;
}

export interface InlineKeyboardButton {
  readonly text: string;
  readonly callback_data?: string;
  readonly url?: string;
}

export interface InlineKeyboardMarkup {
  readonly inline_keyboard: ReadonlyArray<ReadonlyArray<InlineKeyboardButton>>;
}

/**
 * A fault answered instead of the next call(s) of a method:
 * - `rateLimit`: 429 with `parameters.retry_after` (seconds);
 * - `serverError`: an HTTP 5xx (502 unless given);
 * - `notModified`, `parseError`, `badRequest`: 400 with the Bot API's description;
 * - `forbidden`: 403 "bot was blocked by the user";
 * - `conflict`: 409 as a second poller gets;
 * - `drop`: the connection is destroyed without an answer; with `processed: true` the call takes effect first
 *   (a message is sent but the client never learns it).
 */
export type BotApiFault =
  | { readonly kind: 'rateLimit'; readonly retryAfter: number }
  | { readonly kind: 'serverError'; readonly status?: number }
  | { readonly kind: 'notModified' }
  | { readonly kind: 'parseError' }
  | { readonly kind: 'badRequest'; readonly description: string }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'drop'; readonly processed?: boolean };

/** Someone who writes to the bot in a test. */
export interface TestUser {
  readonly chatId: number;
  /** Defaults to chatId (a private chat). */
  readonly userId?: number;
  readonly firstName?: string;
  readonly username?: string;
  /** Defaults to 'private' when userId equals chatId, else 'group'. */
  readonly chatType?: 'private' | 'group' | 'supergroup';
}
