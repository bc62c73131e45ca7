import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type RunningBot, startBot } from '../../bot/startBot.ts';
import type { BrokerHandle } from '../../src/app/brokerFactory.ts';
import { createBroker } from '../../src/app/brokerFactory.ts';
import type { Broker } from '../../src/broker/Broker.ts';
import { createKiwoomBroker } from '../../src/broker/kiwoom/createKiwoomBroker.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { PaperAccountFile } from '../../src/paper/PaperAccountFile.ts';
import { type PaperServer, startPaperServer } from '../../src/paper/paperServer.ts';
import { createRedis } from '../../src/store/redis.ts';
import { allSteps } from '../kit/allSteps.ts';
import { type BotApiStandIn, startBotApiStandIn } from '../kit/botApi/BotApiStandIn.ts';
import type { TestUser } from '../kit/botApi/botApiTypes.ts';
import { REDIS_URL } from '../kit/openTestRedis.ts';
import { SCALED_ENV } from '../kit/scaledEnv.ts';
import { sweepKeys } from '../kit/sweepKeys.ts';

/** The bot's token in tests (the config wants the BotFather shape). */
export const TEST_TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
/** The owner (allowed) and a stranger. */
export const OWNER: TestUser = { chatId: 5001 };
export const STRANGER: TestUser = { chatId: 666 };

/** A bot started in process on the stand-in, a paper exchange that outlives it and real Redis. */
export interface BotBench {
  readonly api: BotApiStandIn;
  readonly paper: PaperServer;
  readonly redis: Redis;
  readonly accountId: string;
  readonly prefix: string;
  readonly env: Record<string, string>;
  /** A Kiwoom client on the paper exchange (the bot's broker). */
  readonly broker: Broker;
  bot: RunningBot;
  /** Starts the bot again on the same account (after stop()). */
  restart(): Promise<RunningBot>;
  /** Sends `text` as the owner and waits for the bot's next message in the chat that is not a relay push. */
  say(text: string, user?: TestUser): Promise<string>;
  close(): Promise<void>;
}

export async function startBotBench(
  account: PaperAccountFile,
  options: { readonly env?: Record<string, string>; readonly paper?: { autoStepMs?: number } } = {},
): Promise<BotBench> {
  const api = await startBotApiStandIn({ token: TEST_TOKEN, maxPollMs: 500 });
  const paper = await startPaperServer({ account, ...options.paper });
  const redis = createRedis(REDIS_URL);
  const accountId = `t${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const prefix = `test-${accountId}`;
  const env: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_ALLOWED_CHAT_IDS: String(OWNER.chatId),
    TELEGRAM_API_ROOT: api.url,
    REDIS_URL,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...SCALED_ENV,
    ...options.env,
  };
  const broker = createKiwoomBroker({
    baseUrl: paper.url,
    appKey: 'test-app-key',
    secretKey: 'test-secret-key',
    rateLimits: { ordersPerSecond: 1_000, queriesPerSecond: 1_000 },
  });
  const handle: BrokerHandle = { broker, accountId, kind: 'paper', close: async () => {} };
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const start = () =>
    startBot({
      env,
      logger,
      sender: { intervalMs: 10, burst: 20, globalIntervalMs: 1, backoffBaseMs: 20 },
      mergeWindowMs: 200,
      account: {
        redis,
        createBroker: async () => handle,
        engine: { prefix, settleMs: 500, orderWorker: { stalledIntervalMs: 5_000 } },
      },
    });
  const bench: BotBench = {
    api,
    paper,
    redis,
    accountId,
    prefix,
    env,
    broker,
    bot: await start(),
    async restart() {
      bench.bot = await start();
      return bench.bot;
    },
    async say(text, user = OWNER) {
      const before = api.botMessages(user.chatId).length;
      api.sendText(user, text);
      const m = await api.waitFor(
        () =>
          api
            .botMessages(user.chatId)
            .slice(before)
            .find((x) => !isPush(x.plain)),
        20_000,
        `a reply to ${text}`,
      );
      return m.plain;
    },
    async close() {
      await allSteps([
        () => bench.bot.stop('test end'),
        () => api.close(),
        () => paper.close(),
        () => sweepKeys(redis, [`rb:${accountId}:`, `${prefix}:`], { settleMs: 30 }),
        () => redis.quit(),
      ]);
    },
  };
  return bench;
}

export { createBroker };

/** A relay push (marked with the mode, not a preview): `say` waits for the reply, not for these. */
export function isPush(plain: string): boolean {
  return /^\[(페이퍼|모의|실전)\]/.test(plain) && !plain.includes('리밸런싱 계획');
}
