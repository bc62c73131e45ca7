import type { Worker } from 'bullmq';
import {
  closeOrderContext,
  createOrderContext,
  type EngineSettings,
  type OrderContext,
  type PollSettings,
} from '../../jobs/OrderContext.ts';
import { createOrderWorker, enqueuePhaseRounds, type OrderWorkerOptions } from '../../jobs/orderQueue.ts';
import { createKiwoomBroker, type KiwoomBroker } from '../../src/broker/kiwoom/index.ts';
import type { LedgerRecord } from '../../src/domain/LedgerRecord.ts';
import type { PlanLeg } from '../../src/domain/types.ts';
import type { PaperAccountFile } from '../../src/paper/PaperAccountFile.ts';
import { type PaperServer, type PaperServerOptions, startPaperServer } from '../../src/paper/paperServer.ts';
import { allSteps, openTestRedis, testAccountId } from './redisTestKit.ts';

/** Order request api-ids (place buy/sell, amend, cancel): what the spacing must hold for. */
export const ORDER_API_IDS = new Set(['kt10000', 'kt10001', 'kt10002', 'kt10003']);

/** A paper account with enough cash and shares for the engine tests. */
export function engineAccount(): PaperAccountFile {
  return {
    deposit: 50_000_000,
    positions: [
      { code: '005930', name: '삼성전자', qty: 400, price: 71_200 },
      { code: '000660', name: 'SK하이닉스', qty: 100, price: 198_500 },
      { code: '035720', name: '카카오', qty: 300, price: 41_000 },
    ],
    quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
  };
}

/** A leg with whole-share rounds. */
export function leg(code: string, name: string, price: number, rounds: number[]): PlanLeg {
  const qty = rounds.reduce((a, b) => a + b, 0);
  return { code, name, price, qty, rounds, heldQty: qty, targetValue: 0, targetPct: 0 };
}

export interface EngineEnv {
  readonly accountId: string;
  readonly server: PaperServer;
  readonly ctx: OrderContext;
  readonly workers: Worker[];
  startWorker(options?: OrderWorkerOptions): Worker;
  /** Arrival times (ms) of the order requests at the exchange. */
  orderRequestTimes(): number[];
  cleanup(): Promise<void>;
}

/**
 * A Kiwoom client for a paper exchange at `url`, unthrottled (the spacing guard is what the tests measure), with
 * short deadlines and backoffs so faults play out quickly.
 */
export function paperKiwoomBroker(url: string, orderTimeoutMs = 2_000): KiwoomBroker {
  return createKiwoomBroker({
    baseUrl: url,
    appKey: 'test-app-key',
    secretKey: 'test-secret-key',
    rateLimits: { ordersPerSecond: Number.POSITIVE_INFINITY, queriesPerSecond: Number.POSITIVE_INFINITY },
    orderTimeoutMs,
    queryTimeoutMs: 2_000,
    retryBaseDelayMs: 20,
    rateLimitPauseMs: 50,
  });
}

/** Paper exchange + Kiwoom client + order context on a fresh account id and BullMQ prefix. */
export async function startEngineEnv(
  settings: Partial<EngineSettings> = {},
  options: {
    account?: PaperAccountFile;
    orderTimeoutMs?: number;
    liquidityPerStep?: number;
    /** More paper server options (trading hours, their clock). */
    paper?: Partial<Omit<PaperServerOptions, 'account'>>;
  } = {},
): Promise<EngineEnv> {
  const accountId = testAccountId();
  // Jobs may push an event as their worker closes: the cleanup looks again after a beat.
  const redisEnv = openTestRedis(accountId, { settleMs: 30 });
  const server = await startPaperServer({
    account: options.account ?? engineAccount(),
    seed: 7,
    ...(options.liquidityPerStep !== undefined ? { liquidityPerStep: options.liquidityPerStep } : {}),
    ...options.paper,
  });
  const broker = paperKiwoomBroker(server.url, options.orderTimeoutMs);
  const ctx = createOrderContext({
    redis: redisEnv.redis,
    accountId,
    broker,
    prefix: redisEnv.prefix,
    settings: {
      orderIntervalMs: 150,
      maxOrderValue: 1_000_000_000,
      orderType: 'limit',
      settleMs: 300,
      backoffMs: 20,
      ...POLL_SETTINGS,
      ...settings,
    },
  });
  const workers: Worker[] = [];
  return {
    accountId,
    server,
    ctx,
    workers,
    startWorker(o = {}) {
      const w = createOrderWorker(ctx, o);
      workers.push(w);
      return w;
    },
    orderRequestTimes() {
      return server.requestLog.filter((r) => ORDER_API_IDS.has(r.apiId)).map((r) => r.at);
    },
    async cleanup() {
      // Graceful: a running job finishes (and writes its events) before the keys are deleted. Every step runs even
      // when one before it failed, so the keys always go.
      await allSteps([
        ...workers.map((w) => () => w.close()),
        () => closeOrderContext(ctx),
        () => server.close(),
        () => redisEnv.cleanup(),
      ]);
    },
  };
}

/** Gaps between consecutive times. */
export function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}

/** Polls `check` every 20 ms until it returns true or `timeoutMs` passes (then throws). */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Saves a plan with these sell/buy legs and returns its id. */
export async function savePlan(env: EngineEnv, sells: PlanLeg[], buys: PlanLeg[] = []): Promise<string> {
  const saved = await env.ctx.plans.save({
    sells,
    buys,
    excluded: [],
    projected: { weights: {}, cash: 0 },
    totalValue: 0,
    estimatedCosts: 0,
  });
  return saved.id;
}

/** Places a one-round sell of `qty` x 005930 with fills held back, and returns its record, `open` at the exchange. */
export async function placedRecord(env: EngineEnv, qty = 6): Promise<LedgerRecord> {
  env.server.faults.holdFills(true);
  const planId = await savePlan(env, [leg('005930', '삼성전자', 71_200, [qty])]);
  await enqueuePhaseRounds(env.ctx, planId, 'sell');
  env.startWorker();
  await waitFor(() => allSent(env, planId), 10_000, 'placed');
  const [rec] = await env.ctx.ledger.listByPlan(planId);
  if (rec === undefined) throw new Error('no record');
  return rec;
}

/** The poll settings of the engine tests: a 1 s poll, amendments after a minute (at most 2, then keep). */
const POLL_SETTINGS: PollSettings = {
  pollIntervalMs: 1_000,
  amend: { amendAfterMs: 60_000, maxAmends: 2, policy: 'keep', priceMode: 'best' },
  fees: { commissionPpm: 150, sellTaxPpm: 1_800 },
};

/** The context runPoll is given in the tests: `orders` with the test poll settings and real time. */
export function pollLifecycle(orders: OrderContext): OrderContext {
  return { ...orders, settings: { ...orders.settings, ...POLL_SETTINGS }, now: Date.now };
}

/** Every record of the plan is settled as far as sending goes (nothing queued, sending or unknown). */
export async function allSent(env: EngineEnv, planId: string): Promise<boolean> {
  const recs = await env.ctx.ledger.listByPlan(planId);
  return recs.length > 0 && recs.every((r) => !['queued', 'sending', 'unknown'].includes(r.state));
}

/**
 * The ledger and the exchange agree: every new order at the exchange belongs to exactly one ledger record, and each
 * record's first order number is an exchange order of the same code, side, quantity and price it recorded.
 * Returns a list of disagreements (empty when they agree).
 */
export async function ledgerVersusExchange(env: EngineEnv): Promise<string[]> {
  const problems: string[] = [];
  const planIds = await scanPlanIds(env);
  const owners = new Map<string, string>();
  for (const planId of planIds) {
    for (const r of await env.ctx.ledger.listByPlan(planId)) {
      for (const no of r.orderNos) {
        if (owners.has(no)) problems.push(`order ${no} owned by ${owners.get(no)} and ${r.id}`);
        owners.set(no, r.id ?? '?');
      }
      const first = r.orderNos[0];
      if (first === undefined) continue;
      const o = env.server.exchange.order(first);
      if (o === undefined) {
        problems.push(`${r.id}: order ${first} not at the exchange`);
        continue;
      }
      if (o.code !== r.code || o.side !== r.side || o.qty !== r.qty) {
        problems.push(`${r.id}: ledger ${r.side} ${r.code} ${r.qty} vs exchange ${o.side} ${o.code} ${o.qty}`);
      }
      const firstPrice = r.amendments[0]?.fromPrice ?? r.price;
      if ((r.orderType ?? 'limit') === 'limit' && o.price !== firstPrice) {
        problems.push(`${r.id}: ledger price ${firstPrice} vs exchange ${o.price}`);
      }
    }
  }
  for (const o of env.server.exchange.orders()) {
    if (o.kind === 'new' && !owners.has(o.orderNo)) problems.push(`exchange order ${o.orderNo} not in the ledger`);
  }
  return problems;
}

async function scanPlanIds(env: EngineEnv): Promise<string[]> {
  const prefix = `${env.ctx.ledger.keys.prefix}plan:`;
  const out = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await env.ctx.redis.scan(cursor, 'MATCH', `${prefix}*:records`, 'COUNT', 200);
    cursor = next;
    for (const k of keys) out.add(k.slice(prefix.length, -':records'.length));
  } while (cursor !== '0');
  return [...out];
}

/** Waits until the outbox holds at least `count` events of `type` (events are pushed just after ledger changes). */
export async function waitForEvents(env: EngineEnv, type: string, count = 1): Promise<void> {
  await waitFor(
    async () => (await env.ctx.outbox.read('0-0', 10_000)).filter((x) => x.event.type === type).length >= count,
    10_000,
    `${count} ${type} event(s)`,
  );
}
