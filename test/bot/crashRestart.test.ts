import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { brokerAccountId } from '../../src/app/brokerFactory.ts';
import { discardAccountState } from '../../src/app/discardAccountState.ts';
import { loadConfig } from '../../src/config/config.ts';
import { startPaperServer } from '../../src/paper/paperServer.ts';
import { EventOutbox } from '../../src/store/EventOutbox.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { PlanStore } from '../../src/store/PlanStore.ts';
import { createRedis } from '../../src/store/redis.ts';
import { type BotApiStandIn, startBotApiStandIn } from '../kit/botApi/BotApiStandIn.ts';
import { REDIS_URL } from '../kit/openTestRedis.ts';
import { SCALED_ENV } from '../kit/scaledEnv.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';
import { isPush, OWNER, TEST_TOKEN } from './botHarness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * `npm start` is `tsx bot/main.ts`; the tsx CLI runs the program in a child node process, so a SIGKILL sent to the
 * CLI would leave the bot itself running (an orphan that kept polling and trading). The bot is started as that
 * child is: node with tsx's loader, so a kill reaches the process that holds the orders.
 */
const NODE_ARGS = ['--import', 'tsx', 'bot/main.ts'];

const account = {
  deposit: 2_000_000,
  positions: [
    { code: '005930', name: '삼성전자', qty: 200, price: 71_200 },
    { code: '000660', name: 'SK하이닉스', qty: 30, price: 198_500 },
  ],
  quotes: [{ code: '035420', name: 'NAVER', price: 180_000 }],
};

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

function npmStart(env: Record<string, string>): { proc: ChildProcess; exited: Promise<unknown> } {
  const proc = spawn(process.execPath, NODE_ARGS, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  proc.stdout?.on('data', () => {});
  proc.stderr?.on('data', () => {});
  return { proc, exited: new Promise((resolve) => proc.on('exit', resolve)) };
}

describe('bot killed with SIGKILL in the middle of a phase', () => {
  test('started again, it delivers every event and no order is placed twice', async () => {
    const paper = await startPaperServer({ account, autoStepMs: 50 });
    cleanups.push(() => paper.close());
    const api: BotApiStandIn = await startBotApiStandIn({ token: TEST_TOKEN, maxPollMs: 500 });
    cleanups.push(() => api.close());
    const env: Record<string, string> = {
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_ALLOWED_CHAT_IDS: String(OWNER.chatId),
      TELEGRAM_API_ROOT: api.url,
      REDIS_URL,
      LOG_LEVEL: 'silent',
      ...SCALED_ENV,
      ORDER_INTERVAL_MS: '600',
      BROKER: 'kiwoom',
      KIWOOM_ENV: 'mock',
      KIWOOM_BASE_URL: paper.url,
      // A Kiwoom client pointed at a paper exchange trades at any hour (the default with BROKER=kiwoom is KRX hours).
      MARKET_SESSION: 'always',
      KIWOOM_APP_KEY: `test-${randomUUID()}`,
      KIWOOM_SECRET_KEY: 'test-secret-key',
    };
    const accountId = brokerAccountId(loadConfig(['broker'], env));
    const redis = createRedis(REDIS_URL);
    cleanups.push(async () => {
      await discardAccountState(redis, accountId, 'rb');
      await redis.quit();
    });

    let bot = npmStart(env);
    cleanups.push(async () => {
      bot.proc.kill('SIGKILL');
      await bot.exited;
    });
    await api.waitForPolling(60_000);
    const say = async (text: string) => {
      const before = api.botMessages(OWNER.chatId).length;
      api.sendText(OWNER, text);
      return api.waitFor(
        () =>
          api
            .botMessages(OWNER.chatId)
            .slice(before)
            .find((m) => !isPush(m.plain)),
        30_000,
        `a reply to ${text}`,
      );
    };
    await say('/weights 005930=30 000660=30 035420=30');
    await say('/add 035420');
    await say('/split sell 4 buy 4');
    const preview = await say('/preview');
    api.pressButtonLabelled(OWNER, preview.messageId, '승인');
    await api.waitFor(() => api.chat(OWNER.chatId).find((m) => m.plain.includes('승인됨')), 30_000);
    await say('/run now');
    const plans = new PlanStore(redis, accountId);
    const planId = (await plans.getActive())?.id ?? '';
    expect(planId).not.toBe('');

    // Mid-phase: the first order is at the exchange (its push may still be in the merge window or in flight).
    await api.waitFor(() => paper.exchange.orders().length >= 1, 60_000, 'a first order');
    bot.proc.kill('SIGKILL');
    await bot.exited;
    expect(await plans.getPhase(planId, 'sell')).toBe('running');

    bot = npmStart(env);
    await waitFor(
      'the plan to be done',
      async () => ((await plans.get(planId))?.status === 'done' ? true : undefined),
      120_000,
    );
    await api.waitFor(
      () => api.botMessages(OWNER.chatId).some((m) => m.plain.includes('매수 단계 후 보고서')),
      60_000,
      'the buy report pushed',
    );

    // Every order placed and every phase end was pushed.
    const events = await new EventOutbox(redis, accountId).read('0-0', 10_000);
    const chat = api
      .botMessages(OWNER.chatId)
      .map((m) => m.plain)
      .join('\n');
    const placed = events.flatMap((e) => (e.event.type === 'order-placed' ? [e.event.orderNo] : []));
    expect(placed.length).toBeGreaterThan(2);
    for (const no of placed) expect([no, chat.includes(`주문번호 ${no}`)]).toEqual([no, true]);
    expect(chat).toContain('매도 단계 완료');
    expect(chat).toContain('매수 단계 완료');

    // No order twice: every exchange order belongs to exactly one record, and each leg placed its planned shares.
    const records = await new OrderLedger(redis, accountId).listByPlan(planId);
    const owned = records.flatMap((r) => r.orderNos);
    const orders = paper.exchange.orders();
    expect(new Set(owned).size).toBe(owned.length);
    expect(orders.map((o) => o.orderNo).sort()).toEqual([...owned].sort());
    const stored = await plans.get(planId);
    for (const [side, legs] of [
      ['sell', stored?.plan.sells ?? []],
      ['buy', stored?.plan.buys ?? []],
    ] as const) {
      for (const leg of legs) {
        // Fills count on the order number they happened on (an amendment moves the rest to a new number).
        const atExchange = orders
          .filter((o) => o.code === leg.code && o.side === side)
          .reduce((s, o) => s + o.filledQty, 0);
        const inLedger = records
          .filter((r) => r.code === leg.code && r.side === side)
          .reduce((s, r) => s + r.filledQty, 0);
        // Never more than planned (nothing doubled), and the ledger knows every fill the exchange made.
        expect([side, leg.code, atExchange <= leg.qty, inLedger]).toEqual([side, leg.code, true, atExchange]);
        if (side === 'sell') expect([leg.code, atExchange]).toEqual([leg.code, leg.qty]);
      }
    }
    const placeRequests = paper.requestLog.filter((q) => q.apiId === 'kt10000' || q.apiId === 'kt10001');
    expect(placeRequests).toHaveLength(orders.filter((o) => o.kind === 'new').length);
  }, 240_000);
});
