import type { Worker } from 'bullmq';
import {
  closeOrderContext,
  createOrderContext,
  type EngineSettings,
  type OrderContext,
} from '../../jobs/OrderContext.ts';
import { createOrderWorker, type OrderWorkerOptions } from '../../jobs/orderQueue.ts';
import type { PaperAccountFile } from '../../src/paper/PaperAccountFile.ts';
import { type PaperServer, type PaperServerOptions, startPaperServer } from '../../src/paper/paperServer.ts';
import { allSteps } from './allSteps.ts';
import { engineAccount } from './engineAccount.ts';
import { openTestRedis } from './openTestRedis.ts';
import { ORDER_API_IDS } from './orderApiIds.ts';
import { paperKiwoomBroker } from './paperKiwoomBroker.ts';
import { POLL_SETTINGS } from './pollSettings.ts';
import { testAccountId } from './testAccountId.ts';

/** The order queue without the Engine: a paper exchange, a Kiwoom client on it and an order context. */
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
