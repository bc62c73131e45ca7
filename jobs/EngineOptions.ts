import type { Redis } from 'ioredis';
import type { Broker } from '../src/broker/Broker.ts';
import type { Config } from '../src/config/config.ts';
import type { Logger } from '../src/logging/logger.ts';
import type { ControlWorkerOptions } from './controlQueue.ts';
import type { OrderWorkerOptions } from './orderQueue.ts';
import type { CronLike, PhaseTimes } from './PhaseScheduler.ts';

/** Everything an Engine is built from. The Redis connection and the broker belong to the caller. */
export interface EngineOptions {
  /**
   * A command connection. The engine runs on its own duplicate of it, made to wait out a Redis outage of any length
   * (outageProofOptions), and the workers open their own from its options.
   */
  readonly redis: Redis;
  readonly accountId: string;
  readonly broker: Broker;
  /** The `engine` config section (intervals, amend settings, fees, caps). */
  readonly config: Config<'engine'>;
  readonly logger?: Logger | undefined;
  /** BullMQ key prefix (default `rb`; tests pass their own). */
  readonly prefix?: string;
  /** Clock of the amend decisions (default Date.now). */
  readonly now?: () => number;
  /**
   * How long after a request with an unknown outcome the broker's lists are trusted (default defaultSettleMs:
   * 4 x ORDER_TIMEOUT_MS + 5 s, or 2 x the order interval when that is longer).
   */
  readonly settleMs?: number;
  /**
   * Added to ORDER_INTERVAL_MS by the spacing guard (default 50 ms): the guard stamps the moment a request leaves,
   * and the small jitter between that and its arrival must not bring two arrivals under the interval.
   */
  readonly spacingMarginMs?: number;
  /** Most a place job waits between two tries while the broker fails before the send (default 5 s). */
  readonly brokerRetryMaxMs?: number;
  /** How long the broker may fail before a `stalled` event says so (default 20 s). */
  readonly stallNoticeMs?: number;
  /** Phase start times for the cron tasks; without them phases start only with runNow (the headless runner). */
  readonly phaseTimes?: PhaseTimes;
  /** Replaces node-cron (tests). */
  readonly cron?: CronLike;
  readonly orderWorker?: OrderWorkerOptions;
  readonly controlWorker?: ControlWorkerOptions;
}
