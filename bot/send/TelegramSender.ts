import type { Logger } from 'pino';
import type { Telegram } from 'telegraf';
import { htmlToText } from '../../src/text/htmlToText.ts';
import { ChatQueues } from './ChatQueues.ts';
import { classifyTelegramError } from './classifyTelegramError.ts';
import { SenderClosedError } from './errors/SenderClosedError.ts';
import { TelegramRefusedError } from './errors/TelegramRefusedError.ts';
import { TelegramUnavailableError } from './errors/TelegramUnavailableError.ts';
import { type InlineKeyboard, toReplyMarkup } from './InlineKeyboard.ts';
import { SendPacing } from './SendPacing.ts';
import { ShownMessages, shownState } from './ShownMessages.ts';

/** How the sender paces and retries. */
export interface TelegramSenderOptions {
  readonly logger: Logger;
  /** Average spacing of messages to one chat (default 1000 ms: Telegram's "about one per second per chat"). */
  readonly intervalMs?: number;
  /** Messages one chat may get at once after a quiet spell (default 3). */
  readonly burst?: number;
  /** Spacing of all calls together (default 35 ms: under Telegram's ~30 per second overall). */
  readonly globalIntervalMs?: number;
  /** Attempts of a call without `retryForever` before TelegramUnavailableError (default 5). */
  readonly maxAttempts?: number;
  /** First backoff after a 5xx or network failure, doubled each time (default 500 ms). */
  readonly backoffBaseMs?: number;
  /** Longest backoff (default 30 s). */
  readonly backoffMaxMs?: number;
}

export interface SendTextOptions {
  /** Text is Telegram HTML (escape `& < >` in values); on a parse refusal it is sent once more as plain text. */
  readonly html?: boolean;
  /** disable_notification: the message arrives without a sound. */
  readonly silent?: boolean;
  readonly keyboard?: InlineKeyboard;
  /** Retry 429/5xx/network failures until sent or closed (the relay: pushes must never be lost). */
  readonly retryForever?: boolean;
}

export interface EditTextOptions {
  readonly html?: boolean;
  /** Keyboard the message keeps; omitted = the keyboard is removed (as Telegram does for an edit without one). */
  readonly keyboard?: InlineKeyboard;
  readonly retryForever?: boolean;
}

export type EditOutcome = 'edited' | 'unchanged';

interface Attempt {
  readonly method: string;
  readonly chatId?: number;
  readonly retryForever: boolean;
}

/**
 * THE one way out to Telegram: every reply, edit, push and callback answer of the bot goes through one instance, so
 * pacing and retries see all traffic (telegraf retries nothing, and `ctx.telegram` is a new instance per update).
 * - Messages to one chat go in order, about one per `intervalMs` with short bursts, plus a global spacing.
 * - 429: the chat waits Telegram's `retry_after`, then the call is made again.
 * - 5xx and network failures: retried with capped exponential backoff (a network failure after Telegram accepted
 *   can repeat that one message; nothing else repeats).
 * - 400/403 and other refusals: never retried, logged, rejected with TelegramRefusedError; a parse refusal of an
 *   HTML text is sent once more as plain text.
 * - Without `retryForever` a call gives up after `maxAttempts` with TelegramUnavailableError.
 * - `editText`/`editKeyboard` never send an edit identical to what the message shows (remembered per message),
 *   and a "message is not modified" answer counts as 'unchanged'.
 * - `answerCallback` goes at once, outside the chat queues (Telegram expects the answer within seconds).
 * Its parts: ChatQueues (order per chat), SendPacing (per-chat and global spacing, waits that end on close),
 * ShownMessages (what each message shows), classifyTelegramError (what a failure means).
 * @see ../../../shared/reference/telegram.md "telegraf 4.16.3 facts" and "Bot API limits"
 */
export class TelegramSender {
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly pacing: SendPacing;
  private readonly queues = new ChatQueues();
  private readonly shown = new ShownMessages();
  private readonly closing = new AbortController();

  constructor(
    private readonly telegram: Telegram,
    private readonly options: TelegramSenderOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.pacing = new SendPacing(
      options.intervalMs ?? 1_000,
      options.burst ?? 3,
      options.globalIntervalMs ?? 35,
      this.closing.signal,
    );
  }

  /** Sends a message; resolves once Telegram accepted it. */
  sendText(chatId: number, text: string, options: SendTextOptions = {}): Promise<{ messageId: number }> {
    return this.queues.run(chatId, async () => {
      const attempt = { method: 'sendMessage', chatId, retryForever: options.retryForever === true };
      const extra = {
        ...(options.silent ? { disable_notification: true } : {}),
        ...(options.keyboard ? { reply_markup: toReplyMarkup(options.keyboard) } : {}),
      };
      const message = await this.withParseFallback(attempt, text, options.html === true, (body, html) =>
        this.telegram.sendMessage(chatId, body, { ...extra, ...(html ? { parse_mode: 'HTML' as const } : {}) }),
      );
      this.shown.remember(chatId, message.message_id, shownState(text, options.html === true, options.keyboard));
      return { messageId: message.message_id };
    });
  }

  /** Edits a message's text (and keyboard); 'unchanged' when it already shows exactly that (no call made). */
  editText(chatId: number, messageId: number, text: string, options: EditTextOptions = {}): Promise<EditOutcome> {
    const state = shownState(text, options.html === true, options.keyboard);
    if (this.shown.shows(chatId, messageId, state)) return Promise.resolve('unchanged');
    return this.queues.run(chatId, async () => {
      if (this.shown.shows(chatId, messageId, state)) return 'unchanged';
      const attempt = { method: 'editMessageText', chatId, retryForever: options.retryForever === true };
      const markup = options.keyboard ? { reply_markup: toReplyMarkup(options.keyboard) } : {};
      const outcome = await this.notModifiedIsUnchanged(() =>
        this.withParseFallback(attempt, text, options.html === true, (body, html) =>
          this.telegram.editMessageText(chatId, messageId, undefined, body, {
            ...markup,
            ...(html ? { parse_mode: 'HTML' as const } : {}),
          }),
        ),
      );
      this.shown.remember(chatId, messageId, state);
      return outcome;
    });
  }

  /** Replaces (or, with undefined, removes) a message's keyboard; 'unchanged' when it already has that one. */
  editKeyboard(chatId: number, messageId: number, keyboard: InlineKeyboard | undefined): Promise<EditOutcome> {
    if (this.shown.hasKeyboard(chatId, messageId, keyboard)) return Promise.resolve('unchanged');
    return this.queues.run(chatId, async () => {
      const attempt = { method: 'editMessageReplyMarkup', chatId, retryForever: false };
      const outcome = await this.notModifiedIsUnchanged(() =>
        this.withRetries(attempt, () =>
          this.telegram.editMessageReplyMarkup(
            chatId,
            messageId,
            undefined,
            keyboard ? toReplyMarkup(keyboard) : undefined,
          ),
        ),
      );
      this.shown.rememberKeyboard(chatId, messageId, keyboard);
      return outcome;
    });
  }

  /**
   * Answers a button press at once (not queued behind the chat's messages). A refusal (e.g. the query is older than
   * about 15 s) or Telegram out of reach after a short retry is logged; it never rejects, since the press itself
   * has been handled by then.
   */
  async answerCallback(queryId: string, text?: string, options: { alert?: boolean } = {}): Promise<void> {
    const attempt = { method: 'answerCallbackQuery', retryForever: false };
    try {
      await this.withRetries(
        attempt,
        () => this.telegram.answerCbQuery(queryId, text, options.alert ? { show_alert: true } : {}),
        2,
      );
    } catch (err) {
      if (
        !(
          err instanceof TelegramRefusedError ||
          err instanceof TelegramUnavailableError ||
          err instanceof SenderClosedError
        )
      )
        throw err;
    }
  }

  /**
   * Any other Bot API call (setMyCommands, deleteMessage, ...) under the same retry policy; paced with the chat's
   * messages when `chatId` is given.
   */
  call<T>(
    method: string,
    run: (telegram: Telegram) => Promise<T>,
    options: { chatId?: number; retryForever?: boolean } = {},
  ): Promise<T> {
    const attempt = {
      method,
      ...(options.chatId !== undefined ? { chatId: options.chatId } : {}),
      retryForever: options.retryForever === true,
    };
    const go = () => this.withRetries(attempt, () => run(this.telegram));
    return options.chatId === undefined ? go() : this.queues.run(options.chatId, go);
  }

  /**
   * Stops: calls waiting for their turn or a retry reject with SenderClosedError; a call already on the wire is
   * let finish. Resolves when every chat queue has settled.
   */
  async close(): Promise<void> {
    this.closing.abort();
    await this.queues.settled();
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private async withParseFallback<T>(
    attempt: Attempt,
    text: string,
    html: boolean,
    send: (body: string, html: boolean) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.withRetries(attempt, () => send(text, html));
    } catch (err) {
      if (!(html && err instanceof TelegramRefusedError && err.description.includes("can't parse entities"))) throw err;
      this.options.logger.warn(
        { method: attempt.method, chatId: attempt.chatId, description: err.description },
        'telegram could not parse the HTML; sending as plain text',
      );
      return this.withRetries(attempt, () => send(htmlToText(text), false));
    }
  }

  private async notModifiedIsUnchanged(edit: () => Promise<unknown>): Promise<EditOutcome> {
    try {
      await edit();
      return 'edited';
    } catch (err) {
      if (err instanceof TelegramRefusedError && err.description.includes('message is not modified'))
        return 'unchanged';
      throw err;
    }
  }

  private async withRetries<T>(attempt: Attempt, run: () => Promise<T>, maxAttempts = this.maxAttempts): Promise<T> {
    for (let n = 1; ; n++) {
      if (this.closing.signal.aborted) throw new SenderClosedError(attempt.method);
      await this.pacing.pace(attempt.method, attempt.chatId);
      try {
        return await run();
      } catch (err) {
        const failure = classifyTelegramError(err);
        const log = { method: attempt.method, chatId: attempt.chatId, attempt: n };
        if (failure.kind === 'unexpected') throw err;
        if (failure.kind === 'refused') {
          if (!failure.notModified)
            this.options.logger.warn(
              { ...log, code: failure.code, description: failure.description },
              'telegram refused a call',
            );
          throw new TelegramRefusedError(attempt.method, failure.code, failure.description);
        }
        if (!attempt.retryForever && n >= maxAttempts) {
          this.options.logger.error({ ...log, failure: failure.kind }, 'telegram unavailable; giving up');
          throw new TelegramUnavailableError(attempt.method, n, { cause: err });
        }
        let waitMs: number;
        if (failure.kind === 'rate-limited') {
          waitMs = failure.retryAfterMs;
          if (attempt.chatId !== undefined) this.pacing.block(attempt.chatId, Date.now() + waitMs);
          this.options.logger.warn({ ...log, retryAfterMs: waitMs }, 'telegram rate limit; waiting retry_after');
        } else {
          waitMs = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.min(n - 1, 20));
          this.options.logger.warn(
            { ...log, backoffMs: waitMs, err: errorSummary(err) },
            'telegram call failed; retrying',
          );
        }
        await this.pacing.wait(waitMs, attempt.method);
      }
    }
  }
}

/** Name and code of a failure, never its message (telegraf's FetchError message carries the request URL). */
function errorSummary(err: unknown): { name?: string; code?: unknown } {
  if (!(err instanceof Error)) return {};
  return { name: err.name, code: (err as { code?: unknown }).code };
}
