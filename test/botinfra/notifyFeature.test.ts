import fc from 'fast-check';
import pino from 'pino';
import { Telegraf } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifyFeature } from '../../bot/features/notify.ts';
import { encodeNotifyData, parseNotifyData } from '../../bot/features/notifyButtons.ts';
import { TelegramSender } from '../../bot/send/TelegramSender.ts';
import { getNotifyPrefs } from '../../src/app/notifyPrefs.ts';
import { NotifyPrefsStore } from '../../src/store/NotifyPrefsStore.ts';
import { allSteps } from '../kit/allSteps.ts';
import { type BotApiStandIn, startBotApiStandIn } from '../kit/botApi/BotApiStandIn.ts';
import { openTestRedis } from '../kit/openTestRedis.ts';
import { testAccountId } from '../kit/testAccountId.ts';

const owner = { chatId: 8101 };
let acct: string;
let env: ReturnType<typeof openTestRedis>;
let api: BotApiStandIn;
let bot: Telegraf;
let sender: TelegramSender;
let passedThrough: string[];

beforeEach(async () => {
  acct = testAccountId();
  env = openTestRedis(acct);
  api = await startBotApiStandIn();
  bot = new Telegraf(api.token, { telegram: { apiRoot: api.url } });
  sender = new TelegramSender(bot.telegram, { logger: pino({ level: 'silent' }), intervalMs: 5, globalIntervalMs: 1 });
  passedThrough = [];
  bot.use(notifyFeature({ sender, redis: env.redis, accountId: acct }));
  bot.on('callback_query', async (ctx) => {
    passedThrough.push('data' in ctx.callbackQuery ? ctx.callbackQuery.data : '');
    await ctx.answerCbQuery();
  });
  bot.catch((err) => {
    throw err;
  });
  let launched!: () => void;
  const ready = new Promise<void>((r) => {
    launched = r;
  });
  void bot.launch(() => launched());
  await ready;
  await api.waitForPolling();
});

afterEach(async () => {
  await allSteps([async () => bot.stop(), () => sender.close(), () => api.close(), () => env.cleanup()]);
});

async function openScreen() {
  api.sendText(owner, '/notify');
  return api.waitForMessage(owner.chatId, (m) => m.plain.startsWith('알림 설정'));
}

describe('/notify', () => {
  it('shows every kind with its level and cycles one with its button, editing the message in place', async () => {
    const screen = await openScreen();
    const labels = screen.replyMarkup!.inline_keyboard.map((row) => row[0]!.text);
    expect(labels).toHaveLength(8);
    expect(labels).toContain('체결: 🔔 켜짐');

    const { queryId } = api.pressButtonLabelled(owner, screen.messageId, '체결: 🔔 켜짐');
    await api.waitForMessage(owner.chatId, (m) => m.messageId === screen.messageId && m.edits === 1);
    expect(api.callbackAnswer(queryId)).toEqual({ text: '체결 알림: 🔔 켜짐 → 🔕 무음', showAlert: false });
    expect((await getNotifyPrefs(env.redis, acct)).fills).toBe('silent');

    const edited = api.botMessages(owner.chatId).find((m) => m.messageId === screen.messageId)!;
    api.pressButtonLabelled(owner, screen.messageId, '체결: 🔕 무음');
    await api.waitFor(
      () => api.botMessages(owner.chatId).find((m) => m.messageId === screen.messageId && m.edits === 2),
      15_000,
      'the second edit',
    );
    expect((await getNotifyPrefs(env.redis, acct)).fills).toBe('off');
    expect(edited.replyMarkup!.inline_keyboard.map((r) => r[0]!.text)).toContain('체결: 🔕 무음');
  });

  it('a repeated press of a stale button changes nothing more and sends no identical edit', async () => {
    const screen = await openScreen();
    const stale = screen.replyMarkup!.inline_keyboard.flat().find((b) => b.text === '정정: 🔔 켜짐')!.callback_data!;
    const first = api.pressButton(owner, screen.messageId, stale);
    await api.waitFor(() => api.callbackAnswer(first.queryId), 15_000, 'the first answer');
    const second = api.pressButton(owner, screen.messageId, stale);
    await api.waitFor(() => api.callbackAnswer(second.queryId), 15_000, 'the second answer');
    expect(api.callbackAnswer(second.queryId)?.text).toBe('정정 알림: 🔕 무음 → 🔕 무음');
    expect((await getNotifyPrefs(env.redis, acct)).amendments).toBe('silent');
    await api.waitFor(() => api.calls('editMessageText').length >= 1, 15_000, 'the edit');
    expect(api.calls('editMessageText').filter((c) => c.errorCode === 400)).toHaveLength(0);
  });

  it('never turns alerts or rejections off, even with forged data, and says why', async () => {
    const screen = await openScreen();
    for (const kind of ['alerts', 'rejections'] as const) {
      const { queryId } = api.pressButton(owner, screen.messageId, encodeNotifyData({ kind, level: 'off' }));
      await api.waitFor(() => api.callbackAnswer(queryId), 15_000, 'the answer');
      expect(api.callbackAnswer(queryId)).toMatchObject({
        showAlert: true,
        text: expect.stringContaining('끌 수 없습니다'),
      });
    }
    api.sendText(owner, '/notify alerts off');
    await api.waitForMessage(owner.chatId, (m) => m.plain.includes('끌 수 없습니다'));
    expect(await new NotifyPrefsStore(env.redis, acct).getAll()).toEqual({});
  });

  it('sets a kind by command and answers a bad argument with the usage', async () => {
    api.sendText(owner, '/notify fills silent');
    await api.waitForMessage(owner.chatId, (m) => m.plain === '체결 알림: 🔔 켜짐 → 🔕 무음');
    api.sendText(owner, '/notify fills loud');
    await api.waitForMessage(owner.chatId, (m) => m.plain.includes('사용법: /notify'));
    expect((await getNotifyPrefs(env.redis, acct)).fills).toBe('silent');
  });

  it('refuses 200 malformed nt| data with an alert and passes other data through, changing nothing', async () => {
    const screen = await openScreen();
    const malformed = fc
      .sample(
        fc.oneof(
          fc.string({ maxLength: 70 }).map((s) => `nt|${s}`),
          fc
            .tuple(fc.constantFrom('fills', 'alerts', 'x'), fc.string({ maxLength: 10 }))
            .map(([k, l]) => `nt|${k}|${l}`),
        ),
        { numRuns: 200, seed: 8 },
      )
      .filter((d) => parseNotifyData(d) === undefined && Buffer.byteLength(d) <= 64 && d.length > 0);
    expect(malformed.length).toBeGreaterThan(150);
    const ids = malformed.map((d) => api.pressButton(owner, screen.messageId, d).queryId);
    const other = api.pressButton(owner, screen.messageId, 'pv|p1|abc|a');
    await api.waitFor(() => [...ids, other.queryId].every((id) => api.callbackAnswer(id)), 30_000, 'every answer');
    for (const id of ids) expect(api.callbackAnswer(id)).toMatchObject({ showAlert: true });
    expect(passedThrough).toEqual(['pv|p1|abc|a']);
    expect(await new NotifyPrefsStore(env.redis, acct).getAll()).toEqual({});
  });

  it('button data round-trips and stays ASCII within 64 bytes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'placed',
          'fills',
          'amendments',
          'cancels',
          'rejections',
          'phases',
          'reports',
          'alerts' as const,
        ),
        fc.constantFrom('on', 'silent', 'off' as const),
        (kind, level) => {
          const data = encodeNotifyData({ kind, level } as never);
          expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
          expect(data).toMatch(/^[\x21-\x7e]+$/);
          expect(parseNotifyData(data)).toEqual({ kind, level });
        },
      ),
    );
  });
});
