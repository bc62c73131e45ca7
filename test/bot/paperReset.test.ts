import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type RunningBot, startBot } from '../../bot/startBot.ts';
import { DEFAULT_PAPER_ACCOUNT } from '../../src/app/brokerFactory.ts';
import { discardAccountState } from '../../src/app/discardAccountState.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createRedis } from '../../src/store/redis.ts';
import { startBotApiStandIn } from '../kit/botApi/BotApiStandIn.ts';
import { REDIS_URL } from '../kit/openTestRedis.ts';
import { SCALED_ENV } from '../kit/scaledEnv.ts';
import { isPush, OWNER, TEST_TOKEN } from './botHarness.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

describe('bot: paper mode that lasts', () => {
  test('the paper account keeps its id and orders across a restart; /paper reset asks, then starts it over', async () => {
    const api = await startBotApiStandIn({ token: TEST_TOKEN, maxPollMs: 500 });
    cleanups.push(() => api.close());
    const dir = await mkdtemp(join(tmpdir(), 'paper-reset-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'paper-account.json');
    await copyFile(DEFAULT_PAPER_ACCOUNT, file);
    const redis = createRedis(REDIS_URL);
    const prefix = `test-paper-${Date.now()}`;
    const start = () =>
      startBot({
        env: {
          TELEGRAM_BOT_TOKEN: TEST_TOKEN,
          TELEGRAM_ALLOWED_CHAT_IDS: String(OWNER.chatId),
          TELEGRAM_API_ROOT: api.url,
          REDIS_URL,
          PAPER_ACCOUNT: file,
          ...SCALED_ENV,
        },
        logger: createLogger({ level: 'silent' }),
        sender: { intervalMs: 10, burst: 20, globalIntervalMs: 1 },
        account: { redis, engine: { prefix } },
      });
    let bot: RunningBot = await start();
    const accountId = bot.session.accountId;
    cleanups.push(async () => {
      await bot.stop('test end');
      await discardAccountState(redis, accountId, prefix);
      await redis.quit();
    });
    const say = async (text: string) => {
      const before = api.botMessages(OWNER.chatId).length;
      api.sendText(OWNER, text);
      return api.waitFor(
        () =>
          api
            .botMessages(OWNER.chatId)
            .slice(before)
            .find((m) => !isPush(m.plain)),
        20_000,
      );
    };

    // An order placed by hand rests at the exchange (price far below the market).
    const { orderNo } = await bot.session.broker.placeOrder({
      side: 'buy',
      code: '005930',
      qty: 1,
      type: 'limit',
      price: 50_000,
    });
    await bot.stop('restart');
    bot = await start();
    expect(bot.session.accountId).toBe(accountId);
    expect((await bot.session.broker.getOpenOrders()).map((o) => o.orderNo)).toContain(orderNo);

    const ask = await say('/paper reset');
    expect(ask.plain).toContain('되돌릴까요');
    expect((await bot.session.broker.getOpenOrders()).map((o) => o.orderNo)).toContain(orderNo);
    api.pressButtonLabelled(OWNER, ask.messageId, '예, 초기화');
    await api.waitForMessage(OWNER.chatId, (m) => m.plain.includes('처음 상태로 되돌렸습니다'), 20_000);
    expect(await bot.session.broker.getOpenOrders()).toHaveLength(0);

    expect((await say('/paper now')).plain).toContain('사용법');
  }, 60_000);
});
