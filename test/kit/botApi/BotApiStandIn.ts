import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotApiFault, InlineKeyboardMarkup, RecordedCall, TestUser, TranscriptMessage } from './botApiTypes.ts';
import { readTelegramHtml } from './telegramHtml.ts';
import { callbackQuery, textMessage, userObjects } from './updateBuilders.ts';

/**
 * A local stand-in for the Telegram Bot API, for tests: a node:http server answering `/bot<token>/<method>` as
 * Telegram does (JSON `{ ok, result }` or `{ ok: false, error_code, description, parameters? }`), fed updates by the
 * test, recording every call and keeping each chat's messages as they stand after edits. Point telegraf at it with
 * `new Telegraf(token, { telegram: { apiRoot: standIn.url } })`.
 *
 * Checks it applies as Telegram does: the token; text non-empty and at most 4096 characters after HTML parsing;
 * HTML that Telegram would refuse ("can't parse entities"); callback_data of 1 to 64 bytes; command names; an edit
 * to identical content ("message is not modified"); a second concurrent getUpdates ends the first with 409 Conflict;
 * getUpdates while a webhook is set is 409. Updates pushed while a webhook is set are POSTed to it (once each,
 * with `X-Telegram-Bot-Api-Secret-Token`), and the answer's status is recorded in `webhookDeliveries`.
 * @see https://core.telegram.org/bots/api
 */
export interface BotApiStandInOptions {
  /** Bot token the stand-in accepts (default `123456:TEST-token`). */
  readonly token?: string;
  readonly port?: number;
  /** Upper bound on how long one getUpdates is held (default: the `timeout` the client asks for). */
  readonly maxPollMs?: number;
}

export interface BotUser {
  readonly id: number;
  readonly is_bot: true;
  readonly first_name: string;
  readonly username: string;
}

export interface WebhookDelivery {
  readonly updateId: number;
  /** HTTP status of the bot's answer, or 0 when the request failed. */
  readonly status: number;
}

type Update = Record<string, unknown> & { update_id: number };

interface PendingPoll {
  readonly req: IncomingMessage;
  readonly limit: number;
  readonly timer: NodeJS.Timeout;
  /** Answers the held request (recording the outcome on its call). */
  readonly reply: (status: number, body: Record<string, unknown>) => void;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const MAX_TEXT = 4096;
const MAX_CALLBACK_ANSWER = 200;

export class BotApiStandIn {
  readonly token: string;
  readonly botInfo: BotUser = { id: 123456, is_bot: true, first_name: 'Test Bot', username: 'test_rebalance_bot' };
  /** `apiRoot` for telegraf (`http://127.0.0.1:{port}`). */
  url = '';
  private readonly server: Server;
  private readonly events = new EventEmitter();
  private readonly recorded: RecordedCall[] = [];
  private readonly pending: Update[] = [];
  private readonly served = new WeakSet<Update>();
  private readonly polls = new Set<PendingPoll>();
  private readonly faults = new Map<string, BotApiFault[]>();
  private readonly chats = new Map<number, TranscriptMessage[]>();
  private readonly nextMessageId = new Map<number, number>();
  private readonly answers = new Map<string, { text?: string; showAlert: boolean } | null>();
  private readonly commandSets = new Map<string, unknown[]>();
  private readonly deliveries: WebhookDelivery[] = [];
  private webhook: { url: string; secret?: string } | undefined;
  private nextUpdateId = 100_000;
  private nextCallbackId = 1;
  private webhookChain: Promise<void> = Promise.resolve();

  private constructor(private readonly options: BotApiStandInOptions) {
    this.token = options.token ?? '123456:TEST-token';
    this.events.setMaxListeners(0);
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  static async start(options: BotApiStandInOptions = {}): Promise<BotApiStandIn> {
    const standIn = new BotApiStandIn(options);
    await new Promise<void>((resolve, reject) => {
      standIn.server.once('error', reject);
      standIn.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    standIn.url = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  // ---- feeding updates -------------------------------------------------------------------------------------

  /** Queues an update (update_id assigned unless given, e.g. to replay a duplicate) and returns it. */
  pushUpdate(update: Record<string, unknown> & { update_id?: number }): Update {
    const full: Update = { ...update, update_id: update.update_id ?? this.nextUpdateId++ };
    if (this.webhook) {
      this.deliverQueued(full);
    } else {
      this.pending.push(full);
      this.wakePolls();
    }
    this.changed();
    return full;
  }

  /** A text message (a `/command` gets its bot_command entity) from `user`; it joins the chat's transcript. */
  sendText(user: TestUser, text: string): Update {
    const messageId = this.takeMessageId(user.chatId);
    const date = Math.floor(Date.now() / 1000);
    this.transcript(user.chatId).push({
      messageId,
      chatId: user.chatId,
      from: 'user',
      text,
      plain: text,
      silent: false,
      edits: 0,
      date,
    });
    return this.pushUpdate(textMessage(user, text, messageId, date));
  }

  /**
   * A press on a button by `user`. `messageId` names the bot's message carrying it (as it stands now); `data` is
   * sent as given, so a forged or foreign one can be tested. Returns the update and the callback query id.
   */
  pressButton(user: TestUser, messageId: number | undefined, data: string): { update: Update; queryId: string } {
    const queryId = `cq${this.nextCallbackId++}`;
    const found =
      messageId === undefined ? undefined : this.transcript(user.chatId).find((m) => m.messageId === messageId);
    const message = found ? this.messageObject(found) : undefined;
    this.answers.set(queryId, null);
    return { update: this.pushUpdate(callbackQuery(user, data, queryId, message)), queryId };
  }

  /** Presses the button labelled `label` (exact text) under the bot's message `messageId`. */
  pressButtonLabelled(user: TestUser, messageId: number, label: string): { update: Update; queryId: string } {
    const message = this.transcript(user.chatId).find((m) => m.messageId === messageId);
    const button = message?.replyMarkup?.inline_keyboard.flat().find((b) => b.text === label);
    if (button?.callback_data === undefined)
      throw new Error(`no button "${label}" under message ${messageId} in chat ${user.chatId}`);
    return this.pressButton(user, messageId, button.callback_data);
  }

  // ---- looking at what happened --------------------------------------------------------------------------

  /** Every call so far (or of one method), oldest first. */
  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((c) => method === undefined || c.method === method);
  }

  /** The chat's messages as they stand now, oldest first (copies). */
  chat(chatId: number): TranscriptMessage[] {
    return (this.chats.get(chatId) ?? []).map((m) => ({ ...m }));
  }

  /** The bot's messages in a chat (copies). */
  botMessages(chatId: number): TranscriptMessage[] {
    return this.chat(chatId).filter((m) => m.from === 'bot');
  }

  /** The answer given to a callback query: undefined if unknown, null while unanswered. */
  callbackAnswer(queryId: string): { text?: string; showAlert: boolean } | null | undefined {
    return this.answers.get(queryId);
  }

  /** Commands set with setMyCommands for a scope (`undefined` = default scope). */
  commands(scope?: Record<string, unknown>): unknown[] | undefined {
    return this.commandSets.get(scopeKey(scope));
  }

  /** Updates not yet confirmed by a getUpdates offset. */
  pendingUpdates(): Update[] {
    return [...this.pending];
  }

  webhookInfo(): { url: string; secret?: string } | undefined {
    return this.webhook ? { ...this.webhook } : undefined;
  }

  webhookDeliveries(): WebhookDelivery[] {
    return [...this.deliveries];
  }

  /**
   * Resolves with the first truthy value of `predicate`, checked now and after every call and update; rejects
   * after `timeoutMs` naming `what` and the last calls.
   */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 15_000, what = 'condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        let value: T | undefined | null | false;
        try {
          value = predicate();
        } catch (err) {
          done();
          reject(err);
          return true;
        }
        if (value) {
          done();
          resolve(value);
          return true;
        }
        return false;
      };
      const listener = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        done();
        const last = this.recorded
          .slice(-8)
          .map((c) => `${c.method}${c.fault ? `(${c.fault.kind})` : ''}`)
          .join(', ');
        reject(new Error(`bot API stand-in: timed out after ${timeoutMs} ms waiting for ${what}; last calls: ${last}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.events.off('change', listener);
      };
      this.events.on('change', listener);
      check();
    });
  }

  /**
   * Waits for a call of `method` matching `predicate` that has been answered (so its effect is visible); a held
   * getUpdates is not answered yet: use waitForPolling for it.
   */
  waitForCall(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<RecordedCall> {
    return this.waitFor(
      () => this.recorded.find((c) => c.method === method && c.ok !== undefined && predicate(c)),
      timeoutMs,
      `a ${method} call`,
    );
  }

  /** True while a getUpdates long poll is held open (the bot is polling and has handled what it got). */
  isPolling(): boolean {
    return [...this.polls].some((p) => !p.req.socket.destroyed);
  }

  /** Waits until a getUpdates long poll is held open. */
  waitForPolling(timeoutMs = 15_000): Promise<true> {
    return this.waitFor(() => this.isPolling(), timeoutMs, 'a held getUpdates (the bot polling)');
  }

  /** Waits for a bot message in `chatId` matching `predicate` (on its current, edited content). */
  waitForMessage(
    chatId: number,
    predicate: (message: TranscriptMessage) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<TranscriptMessage> {
    return this.waitFor(() => this.botMessages(chatId).find(predicate), timeoutMs, `a bot message in chat ${chatId}`);
  }

  // ---- faults --------------------------------------------------------------------------------------------

  /** Answers the next `times` calls of `method` with `fault` instead of carrying them out. */
  failNext(method: string, fault: BotApiFault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(method, queue);
  }

  /** Drops every fault not yet used. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** POSTs an update to the webhook now with the given secret header (or none), returning the HTTP status. */
  async postToWebhook(update: Record<string, unknown>, secret?: string): Promise<number> {
    if (!this.webhook) throw new Error('no webhook is set');
    return postJson(this.webhook.url, update, secret);
  }

  async close(): Promise<void> {
    for (const poll of this.polls) this.answerPoll(poll, []);
    this.polls.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.webhookChain;
  }

  // ---- HTTP ------------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    let params: Record<string, unknown>;
    try {
      params = await readParams(req, url);
    } catch {
      sendJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid request body' });
      return;
    }
    if (!match) {
      sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const method = match[2]!;
    const fault = this.faults.get(method)?.shift();
    const call: RecordedCall = { method, params, at: Date.now(), ...(fault ? { fault } : {}) };
    this.recorded.push(call);
    const finish = (status: number, body: Record<string, unknown>): void => {
      call.ok = body.ok === true;
      if (typeof body.error_code === 'number') call.errorCode = body.error_code;
      sendJson(res, status, body);
      this.changed();
    };
    if (match[1] !== this.token) {
      finish(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return;
    }
    if (fault) {
      this.answerFault(method, params, fault, req, res, finish);
      return;
    }
    if (method === 'getUpdates') {
      this.getUpdates(params, req, res, call);
      return;
    }
    this.answer(method, params, finish);
  }

  private answer(
    method: string,
    params: Record<string, unknown>,
    finish: (status: number, body: Record<string, unknown>) => void,
  ): void {
    try {
      const result = this.carryOut(method, params);
      finish(200, { ok: true, result });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      finish(err.code, {
        ok: false,
        error_code: err.code,
        description: err.description,
        ...(err.parameters ? { parameters: err.parameters } : {}),
      });
    }
  }

  private answerFault(
    method: string,
    params: Record<string, unknown>,
    fault: BotApiFault,
    req: IncomingMessage,
    res: ServerResponse,
    finish: (status: number, body: Record<string, unknown>) => void,
  ): void {
    const refuse = (code: number, description: string, parameters?: Record<string, unknown>): void =>
      finish(code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });
    switch (fault.kind) {
      case 'rateLimit':
        refuse(429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter });
        return;
      case 'serverError':
        refuse(fault.status ?? 502, 'Bad Gateway');
        return;
      case 'notModified':
        refuse(400, NOT_MODIFIED);
        return;
      case 'parseError':
        refuse(400, 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0');
        return;
      case 'badRequest':
        refuse(400, fault.description);
        return;
      case 'forbidden':
        refuse(403, 'Forbidden: bot was blocked by the user');
        return;
      case 'conflict':
        refuse(409, CONFLICT_POLL);
        return;
      case 'drop':
        if (fault.processed && method !== 'getUpdates') {
          try {
            this.carryOut(method, params);
          } catch {
            // A refused call dropped after processing changes nothing either way.
          }
        }
        req.socket.destroy();
        res.destroy();
        this.changed();
        return;
    }
  }

  // ---- methods ---------------------------------------------------------------------------------------------

  private carryOut(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return this.botInfo;
      case 'sendMessage':
        return this.sendMessage(p);
      case 'editMessageText':
        return this.editMessageText(p);
      case 'editMessageReplyMarkup':
        return this.editMessageReplyMarkup(p);
      case 'deleteMessage': {
        const list = this.transcript(chatIdOf(p));
        const at = list.findIndex((m) => m.messageId === Number(p.message_id));
        if (at < 0) throw new ApiError(400, 'Bad Request: message to delete not found');
        list.splice(at, 1);
        return true;
      }
      case 'answerCallbackQuery':
        return this.answerCallbackQuery(p);
      case 'setMyCommands':
        return this.setMyCommands(p);
      case 'deleteMyCommands':
        this.commandSets.delete(scopeKey(p.scope as Record<string, unknown> | undefined));
        return true;
      case 'getMyCommands':
        return this.commandSets.get(scopeKey(p.scope as Record<string, unknown> | undefined)) ?? [];
      case 'deleteWebhook':
        this.webhook = undefined;
        if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') this.pending.length = 0;
        return true;
      case 'setWebhook': {
        if (typeof p.url !== 'string') throw new ApiError(400, 'Bad Request: bad webhook: url is empty');
        if (p.url === '') {
          this.webhook = undefined;
          return true;
        }
        this.webhook = { url: p.url, ...(typeof p.secret_token === 'string' ? { secret: p.secret_token } : {}) };
        if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') this.pending.length = 0;
        for (const update of this.pending.splice(0)) this.deliverQueued(update);
        return true;
      }
      case 'getWebhookInfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.pending.length,
        };
      case 'sendChatAction':
        return true;
      default:
        throw new ApiError(404, 'Not Found');
    }
  }

  private sendMessage(p: Record<string, unknown>): unknown {
    const chatId = chatIdOf(p);
    const { text, plain } = readText(p);
    const replyMarkup = readMarkup(p.reply_markup);
    const message: TranscriptMessage = {
      messageId: this.takeMessageId(chatId),
      chatId,
      from: 'bot',
      text,
      plain,
      ...(typeof p.parse_mode === 'string' ? { parseMode: p.parse_mode } : {}),
      ...(replyMarkup ? { replyMarkup } : {}),
      silent: p.disable_notification === true || p.disable_notification === 'true',
      edits: 0,
      date: Math.floor(Date.now() / 1000),
    };
    this.transcript(chatId).push(message);
    return this.messageObject(message);
  }

  private editMessageText(p: Record<string, unknown>): unknown {
    const message = this.editable(p);
    const { text, plain } = readText(p);
    const replyMarkup = readMarkup(p.reply_markup);
    const parseMode = typeof p.parse_mode === 'string' ? p.parse_mode : undefined;
    if (message.plain === plain && message.text === text && sameMarkup(message.replyMarkup, replyMarkup))
      throw new ApiError(400, NOT_MODIFIED);
    message.text = text;
    message.plain = plain;
    if (parseMode === undefined) delete message.parseMode;
    else message.parseMode = parseMode;
    // Telegram removes the keyboard when an edit carries none.
    if (replyMarkup) message.replyMarkup = replyMarkup;
    else delete message.replyMarkup;
    message.edits++;
    return this.messageObject(message);
  }

  private editMessageReplyMarkup(p: Record<string, unknown>): unknown {
    const message = this.editable(p);
    const replyMarkup = readMarkup(p.reply_markup);
    if (sameMarkup(message.replyMarkup, replyMarkup)) throw new ApiError(400, NOT_MODIFIED);
    if (replyMarkup) message.replyMarkup = replyMarkup;
    else delete message.replyMarkup;
    message.edits++;
    return this.messageObject(message);
  }

  private answerCallbackQuery(p: Record<string, unknown>): unknown {
    const id = String(p.callback_query_id ?? '');
    if (this.answers.get(id) !== null)
      throw new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
    const text = typeof p.text === 'string' ? p.text : undefined;
    if (text !== undefined && text.length > MAX_CALLBACK_ANSWER)
      throw new ApiError(400, 'Bad Request: MESSAGE_TOO_LONG');
    this.answers.set(id, {
      ...(text !== undefined ? { text } : {}),
      showAlert: p.show_alert === true || p.show_alert === 'true',
    });
    return true;
  }

  private setMyCommands(p: Record<string, unknown>): unknown {
    const commands = p.commands;
    if (!Array.isArray(commands) || commands.length > 100) throw new ApiError(400, 'Bad Request: commands are invalid');
    for (const c of commands as Array<Record<string, unknown>>) {
      if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command))
        throw new ApiError(400, 'Bad Request: BOT_COMMAND_INVALID');
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256)
        throw new ApiError(400, 'Bad Request: command description is invalid');
    }
    this.commandSets.set(scopeKey(p.scope as Record<string, unknown> | undefined), commands);
    return true;
  }

  private editable(p: Record<string, unknown>): TranscriptMessage {
    if (p.inline_message_id !== undefined) throw new ApiError(400, 'Bad Request: inline messages are not supported');
    const message = this.transcript(chatIdOf(p)).find((m) => m.messageId === Number(p.message_id));
    if (!message) throw new ApiError(400, 'Bad Request: message to edit not found');
    if (message.from !== 'bot') throw new ApiError(400, "Bad Request: message can't be edited");
    return message;
  }

  // ---- getUpdates ------------------------------------------------------------------------------------------

  private getUpdates(p: Record<string, unknown>, req: IncomingMessage, res: ServerResponse, call: RecordedCall): void {
    const done = (status: number, body: Record<string, unknown>): void => {
      call.ok = body.ok === true;
      if (typeof body.error_code === 'number') call.errorCode = body.error_code;
      sendJson(res, status, body);
      this.changed();
    };
    if (this.webhook) {
      done(409, {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
      return;
    }
    // A second poller ends the first, as Telegram does when two instances poll one token.
    for (const poll of this.polls) {
      this.polls.delete(poll);
      clearTimeout(poll.timer);
      if (!poll.req.socket.destroyed) poll.reply(409, { ok: false, error_code: 409, description: CONFLICT_POLL });
    }
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    if (offset > 0) this.confirm(offset);
    const ready = this.pending.slice(0, limit);
    for (const u of ready) this.served.add(u);
    const timeoutMs = Math.max(0, Number(p.timeout ?? 0)) * 1000;
    if (ready.length > 0 || timeoutMs === 0) {
      done(200, { ok: true, result: ready });
      return;
    }
    const holdMs = Math.min(timeoutMs, this.options.maxPollMs ?? timeoutMs);
    const poll: PendingPoll = {
      req,
      limit,
      reply: done,
      timer: setTimeout(() => {
        this.polls.delete(poll);
        done(200, { ok: true, result: [] });
      }, holdMs),
    };
    this.polls.add(poll);
    this.changed();
    res.once('close', () => {
      if (this.polls.delete(poll)) clearTimeout(poll.timer);
    });
  }

  /**
   * Forgets the updates below `offset` that were handed out at least once. An update pushed again with an id
   * below the offset (a test replaying a duplicate) is handed out once before it is forgotten.
   */
  private confirm(offset: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const update = this.pending[i]!;
      if (update.update_id < offset && this.served.has(update)) this.pending.splice(i, 1);
    }
  }

  private wakePolls(): void {
    for (const poll of this.polls) {
      const ready = this.pending.slice(0, poll.limit);
      if (ready.length === 0) continue;
      this.polls.delete(poll);
      this.answerPoll(poll, ready);
    }
  }

  private answerPoll(poll: PendingPoll, updates: Update[]): void {
    clearTimeout(poll.timer);
    for (const u of updates) this.served.add(u);
    poll.reply(200, { ok: true, result: updates });
  }

  // ---- webhook ---------------------------------------------------------------------------------------------

  private deliverQueued(update: Update): void {
    const hook = this.webhook!;
    this.webhookChain = this.webhookChain.then(async () => {
      const status = await postJson(hook.url, update, hook.secret).catch(() => 0);
      this.deliveries.push({ updateId: update.update_id, status });
      this.changed();
    });
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private transcript(chatId: number): TranscriptMessage[] {
    let list = this.chats.get(chatId);
    if (!list) {
      list = [];
      this.chats.set(chatId, list);
    }
    return list;
  }

  private takeMessageId(chatId: number): number {
    const id = this.nextMessageId.get(chatId) ?? 1;
    this.nextMessageId.set(chatId, id + 1);
    return id;
  }

  private messageObject(m: TranscriptMessage): Record<string, unknown> {
    const from = m.from === 'bot' ? this.botInfo : userObjects({ chatId: m.chatId }).from;
    return {
      message_id: m.messageId,
      from,
      chat: userObjects({ chatId: m.chatId }).chat,
      date: m.date,
      text: m.plain,
      ...(m.edits > 0 ? { edit_date: Math.floor(Date.now() / 1000) } : {}),
      ...(m.replyMarkup ? { reply_markup: m.replyMarkup } : {}),
    };
  }

  private changed(): void {
    this.events.emit('change');
  }
}

/** Starts a stand-in on 127.0.0.1 (port 0 unless given). */
export function startBotApiStandIn(options: BotApiStandInOptions = {}): Promise<BotApiStandIn> {
  return BotApiStandIn.start(options);
}

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const CONFLICT_POLL =
  'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';

function scopeKey(scope: Record<string, unknown> | undefined): string {
  if (!scope || scope.type === 'default') return 'default';
  return JSON.stringify(Object.fromEntries(Object.entries(scope).sort(([a], [b]) => a.localeCompare(b))));
}

function chatIdOf(p: Record<string, unknown>): number {
  const id = typeof p.chat_id === 'string' ? Number(p.chat_id) : p.chat_id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new ApiError(400, 'Bad Request: chat not found');
  return id;
}

function readText(p: Record<string, unknown>): { text: string; plain: string } {
  const text = typeof p.text === 'string' ? p.text : '';
  let plain = text;
  if (p.parse_mode === 'HTML') {
    const reading = readTelegramHtml(text);
    if (!reading.ok) throw new ApiError(400, reading.error);
    plain = reading.plain;
  } else if (p.parse_mode !== undefined) {
    throw new ApiError(400, `Bad Request: the stand-in reads parse_mode HTML only, not ${String(p.parse_mode)}`);
  }
  if (plain.trim() === '') throw new ApiError(400, 'Bad Request: message text is empty');
  if (plain.length > MAX_TEXT) throw new ApiError(400, 'Bad Request: message is too long');
  return { text, plain };
}

function readMarkup(value: unknown): InlineKeyboardMarkup | undefined {
  if (value === undefined || value === null) return undefined;
  const markup = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
  const rows = markup.inline_keyboard;
  if (rows === undefined) return undefined; // reply keyboards and removals: not kept on the message
  if (!Array.isArray(rows)) throw new ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array');
  for (const row of rows) {
    if (!Array.isArray(row)) throw new ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array of Arrays');
    for (const button of row as Array<Record<string, unknown>>) {
      if (typeof button.text !== 'string' || button.text === '')
        throw new ApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
      const data = button.callback_data;
      if (data !== undefined) {
        const bytes = typeof data === 'string' ? Buffer.byteLength(data) : 0;
        if (bytes < 1 || bytes > 64) throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
      }
    }
  }
  return rows.length === 0 ? undefined : (markup as unknown as InlineKeyboardMarkup);
}

function sameMarkup(a: InlineKeyboardMarkup | undefined, b: InlineKeyboardMarkup | undefined): boolean {
  return JSON.stringify(a?.inline_keyboard ?? []) === JSON.stringify(b?.inline_keyboard ?? []);
}

const JSON_FIELDS = new Set([
  'reply_markup',
  'scope',
  'commands',
  'allowed_updates',
  'reply_parameters',
  'link_preview_options',
]);

async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (body !== '') {
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json')) Object.assign(params, JSON.parse(body) as Record<string, unknown>);
    else if (type.includes('application/x-www-form-urlencoded'))
      for (const [k, v] of new URLSearchParams(body)) params[k] = v;
    else throw new Error(`unsupported content type ${type}`);
  }
  for (const key of JSON_FIELDS)
    if (typeof params[key] === 'string') params[key] = JSON.parse(params[key] as string) as unknown;
  return params;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function postJson(url: string, body: unknown, secret?: string): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}
