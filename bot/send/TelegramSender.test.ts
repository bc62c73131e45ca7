import pino from 'pino';
import { Telegram } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BotApiStandIn, startBotApiStandIn } from '../../test/kit/botApi/BotApiStandIn.ts';
import { SenderClosedError } from './errors/SenderClosedError.ts';
import { TelegramRefusedError } from './errors/TelegramRefusedError.ts';
import { TelegramUnavailableError } from './errors/TelegramUnavailableError.ts';
import { TelegramSender, type TelegramSenderOptions } from './TelegramSender.ts';

const logger = pino({ level: 'silent' });
let api: BotApiStandIn;
let sender: TelegramSender;

function makeSender(options: Partial<TelegramSenderOptions> = {}): TelegramSender {
  return new TelegramSender(new Telegram(api.token, { apiRoot: api.url }), {
    logger,
    intervalMs: 20,
    burst: 3,
    globalIntervalMs: 1,
    backoffBaseMs: 10,
    backoffMaxMs: 40,
    ...options,
  });
}

beforeEach(async () => {
  api = await startBotApiStandIn();
  sender = makeSender();
});

afterEach(async () => {
  await sender.close();
  await api.close();
});

const texts = (chatId: number) => api.botMessages(chatId).map((m) => m.plain);

describe('TelegramSender pacing', () => {
  it('sends a chat its messages in order, spaced by the interval after the burst', async () => {
    const paced = makeSender({ intervalMs: 150, burst: 2 });
    const t0 = Date.now();
    const sent = await Promise.all([1, 2, 3, 4, 5].map((n) => paced.sendText(10, `m${n}`)));
    expect(sent.map((s) => s.messageId)).toEqual([1, 2, 3, 4, 5]);
    expect(texts(10)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    const at = api.calls('sendMessage').map((c) => c.at);
    // After the burst of 2, each message waits one interval more: the fifth cannot leave before 3 intervals
    // (a lower bound from before the first call, so load can only add to it).
    expect(at[4]! - t0).toBeGreaterThanOrEqual(3 * 150 - 2);
    await paced.close();
  });

  it('does not hold one chat behind another', async () => {
    const paced = makeSender({ intervalMs: 60_000, burst: 1 });
    await paced.sendText(1, 'first to chat 1');
    const late = paced.sendText(1, 'second to chat 1 waits a minute');
    await paced.sendText(2, 'chat 2 goes now');
    expect(texts(2)).toEqual(['chat 2 goes now']);
    expect(texts(1)).toEqual(['first to chat 1']);
    await paced.close();
    await expect(late).rejects.toBeInstanceOf(SenderClosedError);
  });
});

describe('TelegramSender retries', () => {
  it('honours 429 retry_after, then sends the message exactly once', async () => {
    api.failNext('sendMessage', { kind: 'rateLimit', retryAfter: 1 });
    const { messageId } = await sender.sendText(3, '한 번만');
    const calls = api.calls('sendMessage');
    expect(calls.map((c) => c.errorCode ?? 'ok')).toEqual([429, 'ok']);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1_000 - 5);
    expect(texts(3)).toEqual(['한 번만']);
    expect(messageId).toBe(1);
  });

  it('holds the following messages of the chat behind a 429 and keeps their order', async () => {
    api.failNext('sendMessage', { kind: 'rateLimit', retryAfter: 1 });
    await Promise.all(['a', 'b', 'c'].map((t) => sender.sendText(4, t)));
    expect(texts(4)).toEqual(['a', 'b', 'c']);
  });

  it('retries 5xx and dropped connections with backoff', async () => {
    api.failNext('sendMessage', { kind: 'serverError' }, 2);
    api.failNext('sendMessage', { kind: 'drop' });
    await sender.sendText(5, 'after failures');
    expect(api.calls('sendMessage').map((c) => c.errorCode ?? c.ok ?? 'dropped')).toEqual([502, 502, 'dropped', true]);
    expect(texts(5)).toEqual(['after failures']);
  });

  it('gives up after maxAttempts without retryForever, and never with it', async () => {
    api.failNext('sendMessage', { kind: 'serverError' }, 5);
    await expect(sender.sendText(6, 'reply')).rejects.toBeInstanceOf(TelegramUnavailableError);
    expect(api.calls('sendMessage')).toHaveLength(5);
    api.failNext('sendMessage', { kind: 'serverError' }, 8);
    await sender.sendText(6, 'push', { retryForever: true });
    expect(api.calls('sendMessage')).toHaveLength(5 + 9);
    expect(texts(6)).toEqual(['push']);
  });

  it('never retries 400 or 403', async () => {
    api.failNext('sendMessage', { kind: 'forbidden' });
    const blocked = sender.sendText(7, 'x', { retryForever: true });
    await expect(blocked).rejects.toBeInstanceOf(TelegramRefusedError);
    await expect(blocked).rejects.toMatchObject({ code: 403 });
    api.failNext('sendMessage', { kind: 'badRequest', description: 'Bad Request: chat not found' });
    await expect(sender.sendText(7, 'y', { retryForever: true })).rejects.toMatchObject({ code: 400 });
    expect(api.calls('sendMessage')).toHaveLength(2);
  });

  it('refuses a too long text without retrying', async () => {
    await expect(sender.sendText(7, 'x'.repeat(4097))).rejects.toMatchObject({
      code: 400,
      description: 'Bad Request: message is too long',
    });
    expect(api.calls('sendMessage')).toHaveLength(1);
  });

  it('sends an HTML text Telegram cannot parse once more as plain text', async () => {
    await sender.sendText(8, '<b>총액</b> 1 < 2 &amp; 3', { html: true });
    const calls = api.calls('sendMessage');
    expect(calls.map((c) => c.params.parse_mode)).toEqual(['HTML', undefined]);
    expect(texts(8)).toEqual(['총액 1 < 2 & 3']);
  });

  it('falls back to plain text only once', async () => {
    api.failNext('sendMessage', { kind: 'parseError' }, 2);
    await expect(sender.sendText(8, '<b>ok</b>', { html: true })).rejects.toMatchObject({ code: 400 });
    expect(api.calls('sendMessage')).toHaveLength(2);
  });
});

describe('TelegramSender edits', () => {
  it('never sends an edit identical to what the message shows', async () => {
    const keyboard = [[{ text: '승인', data: 'a:1' }]];
    const { messageId } = await sender.sendText(9, '<b>미리보기</b>', { html: true, keyboard });
    expect(await sender.editText(9, messageId, '<b>미리보기</b>', { html: true, keyboard })).toBe('unchanged');
    expect(api.calls('editMessageText')).toHaveLength(0);

    expect(await sender.editText(9, messageId, '<b>미리보기</b> 2', { html: true, keyboard })).toBe('edited');
    expect(await sender.editText(9, messageId, '<b>미리보기</b> 2', { html: true, keyboard })).toBe('unchanged');
    expect(await sender.editText(9, messageId, '<b>미리보기</b> 2', { html: true })).toBe('edited');
    expect(api.calls('editMessageText')).toHaveLength(2);
    expect(api.botMessages(9)[0]).toMatchObject({ plain: '미리보기 2', edits: 2 });
    expect(api.botMessages(9)[0]!.replyMarkup).toBeUndefined();
    expect(api.calls('editMessageText').every((c) => c.ok)).toBe(true);
  });

  it('counts "message is not modified" as unchanged when it does not know the message', async () => {
    const { messageId } = await sender.sendText(11, 'same');
    const fresh = makeSender();
    expect(await fresh.editText(11, messageId, 'same')).toBe('unchanged');
    expect(api.calls('editMessageText').map((c) => c.errorCode)).toEqual([400]);
    expect(await fresh.editText(11, messageId, 'same')).toBe('unchanged');
    expect(api.calls('editMessageText')).toHaveLength(1);
    await fresh.close();
  });

  it('removes a keyboard once', async () => {
    const { messageId } = await sender.sendText(12, 'q', { keyboard: [[{ text: 'x', data: 'x' }]] });
    expect(await sender.editKeyboard(12, messageId, undefined)).toBe('edited');
    expect(await sender.editKeyboard(12, messageId, undefined)).toBe('unchanged');
    expect(api.calls('editMessageReplyMarkup')).toHaveLength(1);
    expect(await sender.editText(12, messageId, 'q')).toBe('unchanged');
  });
});

describe('TelegramSender callback answers', () => {
  it('answers at once while the chat waits out a 429', async () => {
    const { messageId } = await sender.sendText(13, 'buttons');
    api.failNext('sendMessage', { kind: 'rateLimit', retryAfter: 2 });
    const push = sender.sendText(13, 'push');
    await api.waitFor(() => api.calls('sendMessage').length === 2, 15_000, 'the rate-limited push');
    const { queryId } = api.pressButton({ chatId: 13 }, messageId, 'x');
    await sender.answerCallback(queryId, '처리 중', { alert: true });
    expect(api.calls('sendMessage')).toHaveLength(2);
    expect(api.callbackAnswer(queryId)).toEqual({ text: '처리 중', showAlert: true });
    await push;
    expect(texts(13)).toEqual(['buttons', 'push']);
  });

  it('resolves without retrying for a query Telegram no longer knows', async () => {
    await sender.answerCallback('forged');
    expect(api.calls('answerCallbackQuery').map((c) => c.errorCode)).toEqual([400]);
  });
});

describe('TelegramSender close', () => {
  it('rejects a call waiting to retry and refuses new ones', async () => {
    api.failNext('sendMessage', { kind: 'rateLimit', retryAfter: 60 });
    const waiting = sender.sendText(14, 'x', { retryForever: true });
    await api.waitFor(() => api.calls('sendMessage').length === 1, 15_000, 'the first attempt');
    await sender.close();
    await expect(waiting).rejects.toBeInstanceOf(SenderClosedError);
    await expect(sender.sendText(14, 'y')).rejects.toBeInstanceOf(SenderClosedError);
    expect(api.calls('sendMessage')).toHaveLength(1);
  });
});
