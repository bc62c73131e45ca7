/**
 * The bot's `/preview` with 50 holdings, command to reply: the owner's message goes into the Bot API stand-in
 * (test/kit/botApi), the bot (bot/startBot.ts, started in process as `npm start` starts it, on the paper exchange
 * over HTTP and real Redis) polls it, plans from the live account, stores the plan and sends the preview; the time
 * is from the update being queued to the stand-in receiving the sendMessage. Beside it, in the same run, the
 * in-process baseline: planning alone (planRebalance on the same account, already read). Median and p95.
 * Needs Redis (REDIS_URL, default 127.0.0.1:6379).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BrokerHandle } from '../src/app/brokerFactory.ts';
import { createKiwoomBroker } from '../src/broker/kiwoom/createKiwoomBroker.ts';
import { planRebalance } from '../src/domain/planRebalance.ts';
import type { PaperAccountFile } from '../src/paper/PaperAccountFile.ts';
import { startPaperServer } from '../src/paper/paperServer.ts';
import { createRedis, deleteKeysWithPrefix } from '../src/store/redis.ts';
import { startBotApiStandIn } from '../test/kit/botApi/BotApiStandIn.ts';

const HOLDINGS = 50;
const WARMUP = 3;
const RUNS = 20;
const PLAN_RUNS = 200;
const TOKEN = '123456:BENCH-token-abcdefghijklmnopqrstuvwxyz';
const OWNER = { chatId: 5001 };
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The part of bot/startBot.ts this bench uses (B1's module; loaded at run time). */
type StartBot = (options: {
  env: Record<string, string>;
  sender?: Record<string, number>;
  account?: Record<string, unknown>;
}) => Promise<{ stop(reason?: string): Promise<void> }>;

/** 50 holdings with Korean names, prices on the tick grid, off their equal targets. */
export function fiftyHoldings(): PaperAccountFile {
  const names = [
    '삼성전자',
    'SK하이닉스',
    '현대차',
    'NAVER',
    '카카오',
    'LG화학',
    '셀트리온',
    '기아',
    'POSCO홀딩스',
    'KB금융',
  ];
  return {
    deposit: 30_000_000,
    positions: Array.from({ length: HOLDINGS }, (_, i) => ({
      code: String(100_000 + i * 10),
      name: `${names[i % names.length]}${i}`,
      qty: 5 + ((i * 37) % 120),
      price: 10_000 + i * 1_000,
    })),
    quotes: [],
  };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at]!;
}

const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

export async function run(): Promise<{
  preview: { median: number; p95: number };
  planning: { median: number; p95: number };
}> {
  const startBotPath = '../bot/startBot.ts';
  const { startBot } = (await import(startBotPath)) as { startBot: StartBot };
  const account = fiftyHoldings();
  const api = await startBotApiStandIn({ token: TOKEN, maxPollMs: 1_000 });
  const paper = await startPaperServer({ account });
  const redis = createRedis(REDIS_URL);
  const accountId = `bench${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const prefix = `bench-${accountId}`;
  const broker = createKiwoomBroker({
    baseUrl: paper.url,
    appKey: 'bench-app-key',
    secretKey: 'bench-secret-key',
    rateLimits: { ordersPerSecond: 1_000, queriesPerSecond: 1_000 },
  });
  const handle: BrokerHandle = { broker, accountId, kind: 'paper', close: async () => {} };
  const bot = await startBot({
    env: {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_ALLOWED_CHAT_IDS: String(OWNER.chatId),
      TELEGRAM_API_ROOT: api.url,
      REDIS_URL,
      LOG_LEVEL: 'silent',
    },
    // Pacing off: the figure is the bot's work, not Telegram's one-message-a-second limit.
    sender: { intervalMs: 1, burst: 100, globalIntervalMs: 1 },
    account: { redis, createBroker: async () => handle, engine: { prefix } },
  });
  const previews: number[] = [];
  try {
    const say = async (text: string): Promise<number> => {
      const before = api.calls('sendMessage').length;
      const sentAt = Date.now();
      api.sendText(OWNER, text);
      const call = await api.waitFor(
        () =>
          api
            .calls('sendMessage')
            .slice(before)
            .find((c) => c.ok !== undefined),
        60_000,
        `the reply to ${text}`,
      );
      return call.at - sentAt;
    };
    await say('/weights equal');
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const ms = await say('/preview');
      if (i >= WARMUP) previews.push(ms);
    }
    const last = api.botMessages(OWNER.chatId).at(-1);
    if (!last || last.plain.length > 4096) throw new Error('the preview did not arrive or is over 4096 characters');
  } finally {
    await bot.stop('bench end');
    await api.close();
    await paper.close();
    await deleteKeysWithPrefix(redis, `rb:${accountId}:`);
    await deleteKeysWithPrefix(redis, `${prefix}:`);
    redis.disconnect();
  }

  // Baseline: planning alone, on the same account as the bot read it, equal weights.
  const snapshot = {
    deposit: account.deposit,
    positions: account.positions.map((p) => ({ code: p.code, name: p.name, qty: p.qty, price: p.price })),
  };
  const input = {
    account: snapshot,
    quotes: [],
    settings: {
      weights: Object.fromEntries(account.positions.map((p) => [p.code, 100 / HOLDINGS])),
      excluded: [],
      added: [],
      cashPct: 0,
      sellSplit: 3,
      buySplit: 3,
      sellEnabled: true,
      buyEnabled: true,
    },
  };
  const planning: number[] = [];
  for (let i = 0; i < PLAN_RUNS + 20; i++) {
    const t0 = performance.now();
    planRebalance(input);
    if (i >= 20) planning.push(performance.now() - t0);
  }

  const sortedPreview = [...previews].sort((a, b) => a - b);
  const sortedPlanning = [...planning].sort((a, b) => a - b);
  const result = {
    preview: { median: quantile(sortedPreview, 0.5), p95: quantile(sortedPreview, 0.95) },
    planning: { median: quantile(sortedPlanning, 0.5), p95: quantile(sortedPlanning, 0.95) },
  };
  console.log(`/preview with ${HOLDINGS} holdings through the Bot API stand-in (${RUNS} runs):`);
  console.log(`  command to reply   median ${fmt(result.preview.median)}, p95 ${fmt(result.preview.p95)}`);
  console.log(`planning alone in process, same account (${PLAN_RUNS} runs):`);
  console.log(`  planRebalance      median ${fmt(result.planning.median)}, p95 ${fmt(result.planning.p95)}`);
  return result;
}
