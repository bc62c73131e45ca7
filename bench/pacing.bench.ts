/**
 * Pacing of the order queue: 50 orders through the queue with ORDER_INTERVAL_MS scaled to 200 ms against the paper
 * exchange answering with 20 ms latency, through the real Kiwoom client. Figures per design:
 * - ratio = (arrival of the 50th order request - arrival of the 1st) / (49 x interval): 1.00 is the limit;
 * - min gap = the smallest time between two order requests as the exchange saw them (must be >= the interval).
 * Designs: the queue with the spacing guard (stamped at the answer: the default; stamped at the send), BullMQ's
 * limiter alone, and the seed's loop (quote, order, then sleep a full interval) as the baseline.
 * Needs Redis (REDIS_URL, default 127.0.0.1:6379).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'bullmq';
import { closeOrderContext, createOrderContext, type OrderSettings } from '../jobs/OrderContext.ts';
import { createOrderWorker, enqueuePhaseRounds } from '../jobs/orderQueue.ts';
import type { Broker } from '../src/broker/Broker.ts';
import { createKiwoomBroker } from '../src/broker/kiwoom/createKiwoomBroker.ts';
import type { PlanLeg } from '../src/domain/types.ts';
import type { PaperAccountFile } from '../src/paper/PaperAccountFile.ts';
import { type PaperServer, startPaperServer } from '../src/paper/paperServer.ts';
import { createRedis, deleteKeysWithPrefix } from '../src/store/redis.ts';

const INTERVAL_MS = 200;
const LATENCY_MS = 20;
const ORDERS = 50;
const ORDER_API_IDS = new Set(['kt10000', 'kt10001', 'kt10002', 'kt10003']);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const CODES = [
  { code: '005930', name: '삼성전자', price: 71_200 },
  { code: '000660', name: 'SK하이닉스', price: 198_500 },
  { code: '035720', name: '카카오', price: 41_000 },
  { code: '005380', name: '현대차', price: 250_000 },
  { code: '051910', name: 'LG화학', price: 300_000 },
];

/** One design's figures. */
export interface PacingFigure {
  readonly design: string;
  readonly orders: number;
  readonly ratio: number;
  readonly minGapMs: number;
  readonly maxGapMs: number;
}

function account(): PaperAccountFile {
  return {
    deposit: 10_000_000,
    positions: CODES.map((c) => ({ ...c, qty: 1_000 })),
    quotes: [],
  };
}

function legs(): PlanLeg[] {
  const rounds = ORDERS / CODES.length;
  return CODES.map((c) => ({
    ...c,
    qty: rounds,
    rounds: Array.from({ length: rounds }, () => 1),
    heldQty: 1_000,
    targetValue: 0,
    targetPct: 0,
  }));
}

async function paper(): Promise<{ server: PaperServer; broker: Broker }> {
  const server = await startPaperServer({ account: account(), seed: 3 });
  server.faults.setLatency(LATENCY_MS);
  // Fills are held so every order is a plain placement (no selling out of a position halfway).
  server.faults.holdFills(true);
  const broker = createKiwoomBroker({
    baseUrl: server.url,
    appKey: 'bench-app-key',
    secretKey: 'bench-secret-key',
    // Only the designs under test pace the orders.
    rateLimits: { ordersPerSecond: Number.POSITIVE_INFINITY, queriesPerSecond: Number.POSITIVE_INFINITY },
  });
  return { server, broker };
}

function figure(design: string, server: PaperServer): PacingFigure {
  const times = server.requestLog.filter((r) => ORDER_API_IDS.has(r.apiId)).map((r) => r.at);
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? 0;
  return {
    design,
    orders: times.length,
    ratio: (last - first) / ((times.length - 1) * INTERVAL_MS),
    minGapMs: Math.min(...gaps),
    maxGapMs: Math.max(...gaps),
  };
}

async function throughQueue(design: string, settings: Partial<OrderSettings>): Promise<PacingFigure> {
  const { server, broker } = await paper();
  const redis = createRedis(REDIS_URL);
  const accountId = `bench${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const prefix = `bench-${accountId}`;
  const ctx = createOrderContext({
    redis,
    accountId,
    broker,
    prefix,
    settings: {
      orderIntervalMs: INTERVAL_MS,
      maxOrderValue: 1_000_000_000,
      orderType: 'limit',
      settleMs: 5_000,
      // The context carries the poll's settings too; the order worker measured here never reads them.
      pollIntervalMs: 1_000,
      amend: { amendAfterMs: 60_000, maxAmends: 2, policy: 'keep', priceMode: 'best' },
      fees: { commissionPpm: 150, sellTaxPpm: 1_800 },
      ...settings,
    },
  });
  let worker: Worker | undefined;
  try {
    const saved = await ctx.plans.save({
      sells: legs(),
      buys: [],
      excluded: [],
      projected: { weights: {}, cash: 0 },
      totalValue: 0,
      estimatedCosts: 0,
    });
    await enqueuePhaseRounds(ctx, saved.id, 'sell');
    worker = createOrderWorker(ctx);
    const deadline = Date.now() + ORDERS * INTERVAL_MS * 4 + 10_000;
    while (server.requestLog.filter((r) => ORDER_API_IDS.has(r.apiId)).length < ORDERS) {
      if (Date.now() > deadline) throw new Error(`${design}: the orders did not all go out`);
      await sleep(20);
    }
    return figure(design, server);
  } finally {
    await worker?.close();
    await closeOrderContext(ctx);
    await server.close();
    await deleteKeysWithPrefix(redis, `rb:${accountId}:`);
    await deleteKeysWithPrefix(redis, `${prefix}:`);
    redis.disconnect();
  }
}

/** The seed's design: for each order, quote, send, then sleep a full interval. */
async function seedLoop(): Promise<PacingFigure> {
  const { server, broker } = await paper();
  try {
    const all = legs().flatMap((l) => l.rounds.map(() => l));
    for (const l of all) {
      const q = await broker.getQuote(l.code);
      await broker.placeOrder({ side: 'sell', code: l.code, qty: 1, type: 'limit', price: q.bestBid });
      await sleep(INTERVAL_MS);
    }
    return figure('seed loop (quote, order, sleep interval)', server);
  } finally {
    await server.close();
  }
}

/** Runs every design and prints the figures. */
export async function run(): Promise<PacingFigure[]> {
  const redis = createRedis(REDIS_URL, 'commands', { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    console.log(`pacing: skipped, no Redis at ${REDIS_URL}`);
    redis.disconnect();
    return [];
  }
  redis.disconnect();
  const figures = [
    await throughQueue('queue + spacing guard (stamp at answer; default)', {}),
    await throughQueue('queue + spacing guard (stamp at send)', { spacingStamp: 'send' }),
    await throughQueue('BullMQ limiter alone (no guard)', { spacingGuard: false }),
    await seedLoop(),
  ];
  console.log(
    `pacing: ${ORDERS} orders, interval ${INTERVAL_MS} ms, paper latency ${LATENCY_MS} ms (limit ratio 1.00)`,
  );
  for (const f of figures) {
    const ok = f.minGapMs >= INTERVAL_MS ? 'ok' : 'BELOW INTERVAL';
    console.log(
      `  ${f.design.padEnd(52)} ratio ${f.ratio.toFixed(3)}  min gap ${f.minGapMs} ms (${ok})  max gap ${f.maxGapMs} ms`,
    );
  }
  return figures;
}
