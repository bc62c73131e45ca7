import type { Redis } from 'ioredis';
import { Engine } from '../../jobs/Engine.ts';
import type { EngineOptions } from '../../jobs/EngineOptions.ts';
import type { Broker } from '../broker/Broker.ts';
import type { Config } from '../config/config.ts';
import type { FeeRates } from '../domain/types.ts';
import type { Logger } from '../logging/logger.ts';
import { createRedis } from '../store/redis.ts';
import { type BrokerHandle, type CreateBrokerOptions, createBroker } from './brokerFactory.ts';

/** Where orders go: the paper exchange, Kiwoom's mock server, or the real account. */
export type TradingMode = 'paper' | 'mock' | 'live';

/** Options of openAccount; production passes only a logger. */
export interface OpenAccountOptions {
  readonly logger: Logger;
  /** Builds the broker (default createBroker with the config's fees and order deadline). */
  readonly createBroker?: (config: Config<'broker'>, logger: Logger) => Promise<BrokerHandle>;
  /** More options for the default createBroker (e.g. a persistent paper exchange). */
  readonly brokerOptions?: Partial<CreateBrokerOptions>;
  /** A Redis connection to use (the caller keeps ownership); default a new one to REDIS_URL, closed by close(). */
  readonly redis?: Redis;
  /**
   * BROKER=paper only: keep the paper exchange in Redis under a stable account id, resumed after a restart (the
   * bot); without it every start is a fresh, ephemeral paper account (the one-shot CLIs).
   */
  readonly persistPaper?: boolean;
  /** Engine options on top of the config (tests: BullMQ prefix, settle time; the bot: phase times). */
  readonly engine?: Partial<Omit<EngineOptions, 'redis' | 'accountId' | 'broker' | 'config'>>;
}

/** One account opened for work: its broker, Redis and Engine (not started). */
export interface AccountSession {
  readonly accountId: string;
  readonly mode: TradingMode;
  readonly broker: Broker;
  readonly handle: BrokerHandle;
  readonly redis: Redis;
  readonly engine: Engine;
  readonly fees: FeeRates;
  readonly config: Config<'broker' | 'redis' | 'engine'>;
  /** Stops the engine (the order in flight finishes) and ends its connection, then closes Redis (if opened here) and the broker. */
  close(): Promise<{ readonly engineStopped: boolean }>;
}

/** The fee rates of the engine config section. */
export function feeRates(config: Config<'engine'>): FeeRates {
  return { commissionPpm: config.COMMISSION_PPM, sellTaxPpm: config.SELL_TAX_PPM };
}

/**
 * The Kiwoom client's deadlines from the engine config: a token fetch and an order call each within
 * ORDER_TIMEOUT_MS, which defaultSettleMs counts on (how late a lost request can still reach the broker).
 */
export function kiwoomDeadlines(config: Config<'engine'>): { orderTimeoutMs: number; tokenTimeoutMs: number } {
  return { orderTimeoutMs: config.ORDER_TIMEOUT_MS, tokenTimeoutMs: config.ORDER_TIMEOUT_MS };
}

/** The trading mode of a broker config. */
export function tradingMode(config: Config<'broker'>): TradingMode {
  return config.BROKER === 'paper' ? 'paper' : config.KIWOOM_ENV;
}

/**
 * Opens the configured account: config -> broker + Redis + Engine. The engine is built but not started (the
 * caller decides when recovery and the workers run). Nothing is left open when this throws.
 */
export async function openAccount(
  config: Config<'broker' | 'redis' | 'engine'>,
  options: OpenAccountOptions,
): Promise<AccountSession> {
  const { logger } = options;
  const fees = feeRates(config);
  const redis = options.redis ?? createRedis(config.REDIS_URL);
  let handle: BrokerHandle;
  try {
    handle = await (
      options.createBroker ??
      ((c, l) =>
        createBroker(c, {
          logger: l,
          fees,
          kiwoom: kiwoomDeadlines(config),
          ...(options.persistPaper === true ? { persistPaper: { redis } } : {}),
          ...options.brokerOptions,
        }))
    )(config, logger);
  } catch (err) {
    if (options.redis === undefined) await redis.quit().catch(() => {});
    throw err;
  }
  try {
    const engine = new Engine({
      redis,
      accountId: handle.accountId,
      broker: handle.broker,
      config,
      logger,
      ...options.engine,
    });
    const ownRedis = options.redis === undefined;
    const openRedis = redis;
    let closing: Promise<{ engineStopped: boolean }> | undefined;
    return {
      accountId: handle.accountId,
      mode: tradingMode(config),
      broker: handle.broker,
      handle,
      redis,
      engine,
      fees,
      config,
      close: () => {
        closing ??= (async () => {
          let engineStopped = true;
          // close(): stop (the order in flight finishes), then end the engine's own outage-proof connection.
          await engine.close().catch((err: unknown) => {
            engineStopped = false;
            logger.error({ err }, 'error while stopping the engine');
          });
          if (ownRedis) await openRedis.quit().catch(() => {});
          await handle.close().catch(() => {});
          return { engineStopped };
        })();
        return closing;
      },
    };
  } catch (err) {
    if (options.redis === undefined) await redis.quit().catch(() => {});
    await handle.close().catch(() => {});
    throw err;
  }
}
