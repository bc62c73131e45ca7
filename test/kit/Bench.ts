import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Engine } from '../../jobs/Engine.ts';
import type { EngineOptions } from '../../jobs/EngineOptions.ts';
import type { Broker } from '../../src/broker/Broker.ts';
import { createKiwoomBroker } from '../../src/broker/kiwoom/createKiwoomBroker.ts';
import { type Config, loadConfig } from '../../src/config/config.ts';
import type { StoredEvent } from '../../src/domain/EngineEvent.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { PaperAccountFile } from '../../src/paper/PaperAccountFile.ts';
import { type PaperServer, startPaperServer } from '../../src/paper/paperServer.ts';
import { EventOutbox } from '../../src/store/EventOutbox.ts';
import { createRedis } from '../../src/store/redis.ts';
import { allSteps } from './allSteps.ts';
import { REDIS_URL } from './openTestRedis.ts';
import { SCALED_ENV } from './scaledEnv.ts';
import { sweepKeys } from './sweepKeys.ts';
import { testAccountId } from './testAccountId.ts';

/**
 * Test bench for the engine: a paper exchange over real HTTP on 127.0.0.1 (port 0), the Kiwoom client pointed at
 * it, real Redis under a random account id and BullMQ prefix, and the engine settings scaled down (interval
 * 150 ms, poll 300 ms, amend after 600 ms unless overridden). close() stops everything and deletes every key.
 */
export interface Bench {
  readonly redis: Redis;
  readonly paper: PaperServer;
  readonly broker: Broker;
  readonly accountId: string;
  readonly prefix: string;
  readonly config: Config<'engine'>;
  /** Builds an engine on the bench (closed by close()). */
  engine(options?: Partial<EngineOptions>): Engine;
  /** Every event of the account so far. */
  events(): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/** Starts a bench. `env` overrides the scaled engine settings; `options` tune the paper exchange and the client. */
export async function startBench(
  account: PaperAccountFile,
  env: Record<string, string> = {},
  options: { autoStepMs?: number; liquidityPerStep?: number; orderTimeoutMs?: number } = {},
): Promise<Bench> {
  const { orderTimeoutMs, ...paperOptions } = options;
  const redis = createRedis(REDIS_URL);
  const paper = await startPaperServer({ account, ...paperOptions });
  const broker = createKiwoomBroker({
    baseUrl: paper.url,
    ...(orderTimeoutMs !== undefined ? { orderTimeoutMs } : {}),
    appKey: 'test-app-key',
    secretKey: 'test-secret-key',
    // The engine's own pacing is under test: the client's limiter is opened wide.
    rateLimits: { ordersPerSecond: 1_000, queriesPerSecond: 1_000 },
  });
  const accountId = testAccountId();
  const prefix = `test-${randomUUID()}`;
  const config = loadConfig(['engine'], { ...SCALED_ENV, ...env });
  const engines: Engine[] = [];
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return {
    redis,
    paper,
    broker,
    accountId,
    prefix,
    config,
    engine(options = {}) {
      const e = new Engine({
        redis,
        accountId,
        broker,
        config,
        prefix,
        logger,
        settleMs: 500,
        orderWorker: { stalledIntervalMs: 5_000 },
        ...options,
      });
      engines.push(e);
      return e;
    },
    async events() {
      const out: StoredEvent[] = [];
      let after = '0-0';
      for (;;) {
        const batch = await new EventOutbox(redis, accountId).read(after, 500);
        if (batch.length === 0) return out;
        out.push(...batch);
        after = batch[batch.length - 1]?.id ?? after;
      }
    },
    async close() {
      // Every step runs even when one before it failed, so the keys always go; a job finishing as its worker closes
      // may still push an event, so the sweep looks again after a beat (see sweepKeys).
      await allSteps([
        ...engines.map((e) => () => e.close()),
        () => paper.close(),
        () => sweepKeys(redis, [`${prefix}:`, `rb:${accountId}:`], { settleMs: 30 }),
        () => redis.quit(),
      ]);
    },
  };
}
