import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Markup, Telegraf, Telegram } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BotApiStandIn, startBotApiStandIn } from './BotApiStandIn.ts';

const owner = { chatId: 5001 };

let api: BotApiStandIn;
const bots: Telegraf[] = [];

beforeEach(async () => {
  api = await startBotApiStandIn();
});

afterEach(async () => {
  for (const bot of bots.splice(0)) {
    try {
      bot.stop();
    } catch {
      // already stopped (e.g. ended by a 409)
    }
  }
  await api.close();
});

/** A telegraf bot on the stand-in, launched in polling mode; resolves once it has started polling. */
async function launchBot(setup: (bot: Telegraf) => void): Promise<{ bot: Telegraf; ended: Promise<unknown> }> {
  const bot = new Telegraf(api.token, { telegram: { apiRoot: api.url } });
  bot.catch((err) => {
    throw err;
  });
  setup(bot);
  bots.push(bot);
  let launched!: () => void;
  const onLaunch = new Promise<void>((resolve) => {
    launched = resolve;
  });
  const ended = bot
    .launch(() => launched())
    .then(
      () => 'stopped',
      (err: unknown) => err,
    );
  await onLaunch;
  await api.waitForPolling();
  return { bot, ended };
}

describe('Bot API stand-in driven by telegraf 4.16 in polling mode', () => {
  it('delivers a command, records the reply in the chat, and confirms the offset on stop', async () => {
    const { bot } = await launchBot((b) => {
      b.command('start', (ctx) => ctx.reply(`<b>안녕하세요</b> ${ctx.from.id}`, { parse_mode: 'HTML' }));
    });
    expect(api.calls('getMe')).toHaveLength(1);
    expect(api.calls('deleteWebhook')).toHaveLength(1);

    api.sendText(owner, '/start');
    const reply = await api.waitForMessage(owner.chatId, (m) => m.plain.startsWith('안녕하세요'));
    expect(reply.plain).toBe('안녕하세요 5001');
    expect(reply.text).toBe('<b>안녕하세요</b> 5001');
    expect(reply.parseMode).toBe('HTML');
    expect(api.chat(owner.chatId).map((m) => [m.from, m.messageId])).toEqual([
      ['user', 1],
      ['bot', 2],
    ]);

    bot.stop('test');
    await api.waitFor(() => api.pendingUpdates().length === 0, 15_000, 'the offset to be confirmed');
  });

  it('answers a button press, edits the message in place and removes the keyboard on an edit without one', async () => {
    await launchBot((b) => {
      b.command('ask', (ctx) =>
        ctx.reply(
          '고르세요',
          Markup.inlineKeyboard([Markup.button.callback('승인', 'ok:1'), Markup.button.callback('취소', 'no:1')]),
        ),
      );
      b.action(/^(ok|no):1$/, async (ctx) => {
        await ctx.answerCbQuery(ctx.match[1] === 'ok' ? '승인됨' : '취소됨', { show_alert: true });
        await ctx.editMessageText(`선택: ${ctx.match[1]}`);
      });
    });
    api.sendText(owner, '/ask');
    const asked = await api.waitForMessage(owner.chatId, (m) => m.plain === '고르세요');
    expect(asked.replyMarkup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(['승인', '취소']);

    const { queryId } = api.pressButtonLabelled(owner, asked.messageId, '승인');
    const edited = await api.waitForMessage(owner.chatId, (m) => m.messageId === asked.messageId && m.edits === 1);
    expect(edited.plain).toBe('선택: ok');
    expect(edited.replyMarkup).toBeUndefined();
    expect(api.callbackAnswer(queryId)).toEqual({ text: '승인됨', showAlert: true });
    const answerCall = api.calls('answerCallbackQuery')[0]!;
    const editCall = api.calls('editMessageText')[0]!;
    expect(answerCall.at).toBeLessThanOrEqual(editCall.at);
  });

  it('hands a duplicated update_id to the bot again, as Telegram does after a crash', async () => {
    const seen: number[] = [];
    await launchBot((b) => {
      b.on('message', (ctx) => {
        seen.push(ctx.update.update_id);
      });
    });
    const first = api.sendText(owner, 'hello');
    await api.waitFor(() => seen.length === 1, 15_000, 'the first delivery');
    api.pushUpdate({ ...first });
    await api.waitFor(() => seen.length === 2, 15_000, 'two updates');
    expect(seen).toEqual([first.update_id, first.update_id]);
  });

  it('ends the first poller with 409 Conflict when a second polls the same token', async () => {
    const first = await launchBot(() => {});
    await launchBot(() => {});
    const ended = await first.ended;
    expect(ended).toMatchObject({ code: 409 });
    expect(String((ended as Error).message)).toContain('Conflict');
  });

  it('ends polling with an injected 409 on getUpdates', async () => {
    api.failNext('getUpdates', { kind: 'conflict' });
    const bot = new Telegraf(api.token, { telegram: { apiRoot: api.url } });
    bots.push(bot);
    await expect(bot.launch()).rejects.toMatchObject({ code: 409 });
  });

  it('refuses a wrong token with 401', async () => {
    const tg = new Telegram('999:wrong', { apiRoot: api.url });
    await expect(tg.getMe()).rejects.toMatchObject({ code: 401 });
  });

  it('registers commands per scope', async () => {
    const tg = new Telegram(api.token, { apiRoot: api.url });
    await tg.setMyCommands([{ command: 'status', description: '상태' }], { scope: { type: 'chat', chat_id: 5001 } });
    expect(api.commands({ type: 'chat', chat_id: 5001 })).toEqual([{ command: 'status', description: '상태' }]);
    expect(api.commands()).toBeUndefined();
    await expect(tg.setMyCommands([{ command: '상태', description: 'x' }])).rejects.toMatchObject({ code: 400 });
  });
});

describe('Bot API stand-in checks what Telegram checks', () => {
  let tg: Telegram;
  beforeEach(() => {
    tg = new Telegram(api.token, { apiRoot: api.url });
  });

  it('refuses a text longer than 4096 characters after HTML parsing, and accepts 4096', async () => {
    await expect(tg.sendMessage(1, `<b>${'가'.repeat(4097)}</b>`, { parse_mode: 'HTML' })).rejects.toMatchObject({
      code: 400,
      description: 'Bad Request: message is too long',
    });
    const ok = await tg.sendMessage(1, `<b>${'가'.repeat(4096)}</b>`, { parse_mode: 'HTML' });
    expect(ok.message_id).toBe(1);
    expect(api.botMessages(1)).toHaveLength(1);
  });

  it('refuses HTML Telegram cannot parse, and an empty text', async () => {
    await expect(tg.sendMessage(1, '<b>a', { parse_mode: 'HTML' })).rejects.toMatchObject({ code: 400 });
    await expect(tg.sendMessage(1, 'a < b', { parse_mode: 'HTML' })).rejects.toMatchObject({
      description: expect.stringContaining("can't parse entities"),
    });
    await expect(tg.sendMessage(1, '<table>x</table>', { parse_mode: 'HTML' })).rejects.toMatchObject({ code: 400 });
    await expect(tg.sendMessage(1, '  ')).rejects.toMatchObject({ code: 400 });
    expect(api.botMessages(1)).toHaveLength(0);
  });

  it('refuses callback data over 64 bytes and accepts 64', async () => {
    const kb = (data: string) => Markup.inlineKeyboard([Markup.button.callback('x', data)]);
    await expect(tg.sendMessage(1, 'a', kb('가'.repeat(22)))).rejects.toMatchObject({ code: 400 });
    await tg.sendMessage(1, 'a', kb('a'.repeat(64)));
    expect(api.botMessages(1)).toHaveLength(1);
  });

  it('refuses an edit to identical content and an edit of a missing message', async () => {
    const sent = await tg.sendMessage(7, 'one', Markup.inlineKeyboard([Markup.button.callback('a', 'a')]));
    await expect(
      tg.editMessageText(
        7,
        sent.message_id,
        undefined,
        'one',
        Markup.inlineKeyboard([Markup.button.callback('a', 'a')]),
      ),
    ).rejects.toMatchObject({ code: 400, description: expect.stringContaining('message is not modified') });
    await expect(tg.editMessageText(7, 99, undefined, 'x')).rejects.toMatchObject({ code: 400 });
    await tg.editMessageReplyMarkup(7, sent.message_id, undefined, undefined);
    await expect(tg.editMessageReplyMarkup(7, sent.message_id, undefined, undefined)).rejects.toMatchObject({
      code: 400,
    });
    expect(api.botMessages(7)[0]).toMatchObject({ plain: 'one', edits: 1 });
    expect(api.botMessages(7)[0]?.replyMarkup).toBeUndefined();
  });

  it('counts message ids per chat and marks silent messages', async () => {
    await tg.sendMessage(1, 'a');
    await tg.sendMessage(2, 'b', { disable_notification: true });
    const third = await tg.sendMessage(1, 'c');
    expect(third.message_id).toBe(2);
    expect(api.botMessages(2)[0]?.silent).toBe(true);
  });

  it('injects 429 with retry_after, 5xx, 403, 400 and answers normally afterwards', async () => {
    api.failNext('sendMessage', { kind: 'rateLimit', retryAfter: 3 });
    api.failNext('sendMessage', { kind: 'serverError' });
    api.failNext('sendMessage', { kind: 'forbidden' });
    api.failNext('sendMessage', { kind: 'parseError' });
    api.failNext('sendMessage', { kind: 'notModified' });
    await expect(tg.sendMessage(1, 'x')).rejects.toMatchObject({ code: 429, parameters: { retry_after: 3 } });
    await expect(tg.sendMessage(1, 'x')).rejects.toMatchObject({ code: 502 });
    await expect(tg.sendMessage(1, 'x')).rejects.toMatchObject({ code: 403 });
    await expect(tg.sendMessage(1, 'x')).rejects.toMatchObject({ code: 400 });
    await expect(tg.sendMessage(1, 'x')).rejects.toMatchObject({
      description: expect.stringContaining('not modified'),
    });
    await tg.sendMessage(1, 'y');
    expect(api.botMessages(1).map((m) => m.plain)).toEqual(['y']);
    expect(api.calls('sendMessage').map((c) => c.errorCode ?? 'ok')).toEqual([429, 502, 403, 400, 400, 'ok']);
  });

  it('drops a connection, before or after carrying the call out', async () => {
    api.failNext('sendMessage', { kind: 'drop' });
    api.failNext('sendMessage', { kind: 'drop', processed: true }, 2);
    await expect(tg.sendMessage(1, 'lost')).rejects.toMatchObject({ name: 'FetchError' });
    await expect(tg.sendMessage(1, 'sent but unanswered')).rejects.toMatchObject({ name: 'FetchError' });
    expect(api.botMessages(1).map((m) => m.plain)).toEqual(['sent but unanswered']);
    await expect(tg.sendMessage(1, 'sent but unanswered')).rejects.toThrow();
    expect(api.calls('sendMessage').every((c) => c.ok === undefined)).toBe(true);
  });

  it('answers a callback query once', async () => {
    const { queryId } = api.pressButton(owner, undefined, 'x');
    await tg.answerCbQuery(queryId, 'ok');
    await expect(tg.answerCbQuery(queryId, 'again')).rejects.toMatchObject({ code: 400 });
    await expect(tg.answerCbQuery('forged')).rejects.toMatchObject({ code: 400 });
    expect(api.callbackAnswer(queryId)).toEqual({ text: 'ok', showAlert: false });
  });
});

describe('Bot API stand-in in webhook mode', () => {
  let hook: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (hook ? hook.close(() => resolve()) : resolve()));
    hook = undefined;
  });

  it('posts updates with the secret header; getUpdates is refused while the webhook is set', async () => {
    const bot = new Telegraf(api.token, { telegram: { apiRoot: api.url, webhookReply: false } });
    bot.on('message', (ctx) => ctx.reply('받음'));
    hook = createServer(bot.webhookCallback('/hook', { secretToken: 's3cret' }));
    await new Promise<void>((resolve) => hook!.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    await bot.telegram.setWebhook(url, { secret_token: 's3cret' });

    const update = api.sendText(owner, 'hi');
    await api.waitForMessage(owner.chatId, (m) => m.plain === '받음');
    await api.waitFor(() => api.webhookDeliveries().length === 1, 15_000, 'the delivery');
    expect(api.webhookDeliveries()).toEqual([{ updateId: update.update_id, status: 200 }]);
    expect(await api.postToWebhook({ ...update, update_id: update.update_id + 1 })).toBe(403);
    await expect(bot.telegram.getUpdates(0, 100, 0, undefined)).rejects.toMatchObject({ code: 409 });
    expect(api.botMessages(owner.chatId)).toHaveLength(1);
  });
});
