import type { Redis } from 'ioredis';
import { defaultSettleMs } from '../../jobs/defaultSettleMs.ts';
import { closeOrderContext, createOrderContext, type OrderContext } from '../../jobs/OrderContext.ts';
import { pollSettings } from '../../jobs/pollSettings.ts';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { createRedis } from '../store/redis.ts';
import { type BrokerHandle, createBroker } from './brokerFactory.ts';
import { kiwoomDeadlines } from './openAccount.ts';

/** Options of openLedger; `npm run ledger` passes only a logger. */
export interface OpenLedgerOptions {
  readonly logger: Logger;
  /** Builds the broker (default createBroker with the config's order deadline). */
  readonly createBroker?: (config: Config<'broker'>, logger: Logger) => Promise<BrokerHandle>;
  /** A Redis connection to use (the caller keeps it); default a new one to REDIS_URL, closed by close(). */
  readonly redis?: Redis;
  /** BullMQ prefix of the order queue (default `rb`). */
  readonly prefix?: string;
  /** Settle time of a lost request (default as the engine: defaultSettleMs of the config). */
  readonly settleMs?: number;
}

/**
 * An account's ledger opened to settle records by hand, with no engine: its stores, the broker and the order
 * queue (a record marked never placed gets its place job back), for `npm run ledger` while the engine may run in
 * another process. Use with the functions of awaitingPerson.ts and ledgerEntries.ts.
 */
export interface LedgerSession {
  readonly accountId: string;
  readonly orders: OrderContext;
  /** Closes the queue, then Redis (if opened here) and the broker. Never throws. */
  close(): Promise<void>;
}

/**
 * Opens the configured account's ledger: broker, then Redis, then the stores and the order queue. Nothing is left
 * open when this throws.
 */
export async function openLedger(
  config: Config<'broker' | 'redis' | 'engine'>,
  options: OpenLedgerOptions,
): Promise<LedgerSession> {
  const { logger } = options;
  const handle = await (
    options.createBroker ??
    ((c, l) =>
      createBroker(c, {
        logger: l,
        kiwoom: kiwoomDeadlines(config),
      }))
  )(config, logger);
  let redis: Redis | undefined;
  let orders: OrderContext | undefined;
  const close = async () => {
    if (orders !== undefined) await closeOrderContext(orders).catch(() => {});
    if (options.redis === undefined) await redis?.quit().catch(() => {});
    await handle.close().catch(() => {});
  };
  try {
    redis = options.redis ?? createRedis(config.REDIS_URL);
    orders = createOrderContext({
      redis,
      accountId: handle.accountId,
      broker: handle.broker,
      settings: {
        orderIntervalMs: config.ORDER_INTERVAL_MS,
        maxOrderValue: config.MAX_ORDER_VALUE,
        orderType: config.ORDER_TYPE,
        settleMs: options.settleMs ?? defaultSettleMs(config),
        ...pollSettings(config),
      },
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      logger,
    });
  } catch (err) {
    await close();
    throw err;
  }
  return { accountId: handle.accountId, orders, close };
}
