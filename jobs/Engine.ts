import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Broker } from '../src/broker/Broker.ts';
import { MAX_PRE_SEND_WAIT_MS } from '../src/broker/preSendWait.ts';
import type { Config } from '../src/config/config.ts';
import type { OrderType } from '../src/domain/OrderType.ts';
import { kstDate } from '../src/domain/tradingCalendar.ts';
import type { Plan, RebalanceSettings, Side } from '../src/domain/types.ts';
import { createLogger, type Logger } from '../src/logging/logger.ts';
import type { HaltInfo } from '../src/store/HaltFlag.ts';
import { outageProofOptions } from '../src/store/outageProofOptions.ts';
import type { ApproveResult, PhaseState, PlanStatus } from '../src/store/PlanStore.ts';
import { checkRedisPersistence, type PersistenceReport } from '../src/store/redisPersistence.ts';
import {
  type ControlJobData,
  type ControlJobResult,
  type ControlWorkerOptions,
  createControlQueue,
  createControlWorker,
  enqueuePhaseStart,
  upsertPollScheduler,
} from './controlQueue.ts';
import { type HaltOptions, type HaltResult, haltOrders, resumeOrders } from './killSwitch.ts';
import type { LifecycleContext, LifecycleSettings } from './LifecycleContext.ts';
import { createOrderWorker, type OrderWorkerOptions } from './orderQueue.ts';
import { closeOrderContext, createOrderContext, type OrderContext, type OrderJobData, type OrderJobResult } from './OrderContext.ts';
import { type CronLike, PhaseScheduler, type PhaseTimes } from './phases.ts';
import { type PollReport, runPoll } from './pollJob.ts';
import { type RecoverySummary, recoverLedger } from './recoverLedger.ts';
import { haltOnUnownedOrders } from './unownedOrderGuard.ts';
import { watchRedisOutage } from './watchRedisOutage.ts';

/** What Engine.start found: the ledger's recovery, and Redis's persistence settings. */
export type EngineStartSummary = RecoverySummary & { readonly persistence: PersistenceReport };

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

/** What status() reports. */
export interface EngineStatus {
  readonly accountId: string;
  readonly running: boolean;
  readonly halted?: HaltInfo;
  readonly plan?: {
    readonly id: string;
    readonly status: PlanStatus;
    readonly phases: Readonly<Record<Side, PhaseState>>;
  };
  /** Records of the account not final yet (queued, at the broker, or unknown). */
  readonly liveOrders: number;
  /** Next cron firing of each phase (holidays not filtered), when scheduled. */
  readonly nextRuns?: Readonly<Record<Side, Date | null>>;
}

/**
 * How long after a request with an unknown outcome the broker's lists are trusted to show it if it was accepted.
 * One order call of the Kiwoom client can leave the wire as late as: a token fetch, then the request, and after a
 * refused token (8005) one more token fetch and one more send, each bounded by ORDER_TIMEOUT_MS (the runner passes
 * it as the client's token and order deadline). A record is `sending` all that time, and another reconciler (a
 * redelivered job, another process's start-up recovery) must not conclude "not placed" before the last moment the
 * request can still reach the broker, plus room for the broker to list it.
 */
export function defaultSettleMs(config: Pick<Config<'engine'>, 'ORDER_INTERVAL_MS' | 'ORDER_TIMEOUT_MS'>): number {
  // Plus, before each of the two sends, the longest the client may hold it on its pacing (MAX_PRE_SEND_WAIT_MS).
  return Math.max(2_000, 2 * config.ORDER_INTERVAL_MS, 4 * config.ORDER_TIMEOUT_MS + 2 * MAX_PRE_SEND_WAIT_MS + 5_000);
}

/** Thrown when a plan cannot be approved; nothing changed. */
export class ApprovalError extends Error {
  override readonly name = 'ApprovalError';

  constructor(
    message: string,
    /** PlanStore.approve's reason, for a caller that words it. */
    readonly reason?: Extract<ApproveResult, { ok: false }>['reason'],
  ) {
    super(message);
  }
}

/**
 * The execution engine of one account: a facade over the order queue (E1), the control queue (poll, phase starts)
 * and the phase cron tasks. start() reconciles the ledger with the broker before anything can be placed, then
 * starts the workers and the poll; stop() closes the workers, waiting for the job in flight (an order being sent
 * finishes and is recorded).
 */
export class Engine {
  readonly orders: OrderContext;
  readonly lifecycle: LifecycleContext;
  readonly control: Queue<ControlJobData, ControlJobResult>;
  private orderWorker: Worker<OrderJobData, OrderJobResult> | undefined;
  private controlWorker: Worker<ControlJobData, ControlJobResult> | undefined;
  private scheduler: PhaseScheduler | undefined;
  private stopping: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private started = false;
  /** The engine's own connection (see EngineOptions.redis), closed by stop(). */
  private readonly redis: Redis;
  private readonly unwatchRedis: () => void;

  constructor(private readonly options: EngineOptions) {
    const { config } = options;
    this.redis = options.redis.duplicate(outageProofOptions());
    this.unwatchRedis = watchRedisOutage(this.redis, {
      onDown: (since, err) =>
        options.logger?.error(
          { err, since },
          'Redis unreachable: nothing is sent until it is back; waiting (the engine reconnects on its own)',
        ),
      onUp: (downMs) => void this.afterRedisOutage(downMs),
    });
    this.orders = createOrderContext({
      redis: this.redis,
      accountId: options.accountId,
      broker: options.broker,
      settings: {
        orderIntervalMs: config.ORDER_INTERVAL_MS,
        maxOrderValue: config.MAX_ORDER_VALUE,
        orderType: config.ORDER_TYPE,
        settleMs: options.settleMs ?? defaultSettleMs(config),
        spacingMarginMs: options.spacingMarginMs ?? 50,
        clockSkewMs: config.CLOCK_SKEW_MS,
        maxClockOffsetMs: config.MAX_CLOCK_OFFSET_MS,
        marketSession: config.MARKET_SESSION ?? 'always',
        extraClosedDays: config.EXTRA_CLOSED_DAYS,
        ...(options.brokerRetryMaxMs !== undefined ? { brokerRetryMaxMs: options.brokerRetryMaxMs } : {}),
        ...(options.stallNoticeMs !== undefined ? { stallNoticeMs: options.stallNoticeMs } : {}),
      },
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
    });
    this.lifecycle = {
      orders: this.orders,
      settings: lifecycleSettings(config),
      now: options.now ?? Date.now,
      logger: options.logger,
    };
    this.control = createControlQueue(this.redis, options.accountId, this.orders.prefix);
    // The queues report every failed reconnection attempt; the outage itself is reported once, above.
    const quiet = (err: unknown) => options.logger?.debug({ err }, 'queue connection error');
    this.orders.queue.on('error', quiet);
    this.control.on('error', quiet);
  }

  /**
   * Redis is back after an outage: say so (log, `recovered` event), then reconcile with the broker at once (a poll:
   * fills, records whose outcome is unknown, queued rounds without a job, phases) instead of waiting for the next
   * scheduled one. The workers resume on their own connections. Never throws.
   */
  private async afterRedisOutage(downMs: number): Promise<void> {
    this.options.logger?.warn({ downMs }, 'Redis is back: reconciling with the broker and resuming');
    if (!this.started || this.stopping !== undefined) return;
    try {
      const plan = await this.orders.plans.getActive();
      await this.orders.emit({
        type: 'recovered',
        code: 'redis-unavailable',
        downMs,
        ...(plan !== undefined ? { planId: plan.id } : {}),
      });
      await runPoll(this.lifecycle);
    } catch (err) {
      this.options.logger?.error({ err }, 'reconciliation after the Redis outage failed; the scheduled poll retries');
    }
  }

  /**
   * Start-up: every non-final ledger record is reconciled with the broker first (recoverLedger; nothing is placed
   * before), then the order and control workers start, the poll scheduler is upserted (a poll runs at once), and
   * the phase cron tasks are scheduled when phase times were given.
   */
  async start(): Promise<EngineStartSummary> {
    if (this.started) throw new Error('engine already started');
    this.started = true;
    const persistence = await this.checkPersistence();
    const summary = await recoverLedger(this.orders);
    this.options.logger?.info({ accountId: this.options.accountId, ...summary }, 'ledger recovered');
    await this.haltOnUnownedBeforeSending();
    this.orderWorker = createOrderWorker(this.orders, this.options.orderWorker);
    this.controlWorker = createControlWorker(this.lifecycle, this.options.controlWorker);
    await upsertPollScheduler(this.control, this.lifecycle.settings.pollIntervalMs);
    if (this.options.phaseTimes !== undefined) await this.schedulePhases(this.options.phaseTimes);
    return { ...summary, persistence };
  }

  /**
   * Before the workers start: a broker order for a code of the active plan that no record owns or can adopt (the
   * ledger lost the writes of an accepted order, and the process died with its answer) halts the plan now. Recovery
   * has given the record that lost it its place job back; started first, the worker would send that round a second
   * time before the first poll's guard could stop it. When the broker cannot be asked, the first poll checks again.
   */
  private async haltOnUnownedBeforeSending(): Promise<void> {
    try {
      const plan = await this.orders.plans.getActive();
      if (plan !== undefined) await haltOnUnownedOrders(this.lifecycle, plan);
    } catch (err) {
      this.options.logger?.error({ err }, 'could not check the broker for unowned orders at start; the poll will');
    }
  }

  /**
   * Reads Redis's persistence settings (read-only) and logs what it found: info when the ledger's writes survive a
   * host crash (AOF, appendfsync always), a warning otherwise (see src/store/redisPersistence.ts).
   */
  async checkPersistence(): Promise<PersistenceReport> {
    const report = await checkRedisPersistence(this.options.redis);
    const log = this.options.logger;
    if (report.verdict === 'durable') log?.info(report, 'redis persistence: AOF with appendfsync always');
    else
      log?.warn(report, 'redis persistence: the ledger may lose its last writes on a crash (want appendfsync always)');
    return report;
  }

  /** (Re)schedules the phase cron tasks (Asia/Seoul, trading days only). Throws RangeError on a malformed time. */
  async schedulePhases(times: PhaseTimes): Promise<void> {
    if (this.scheduler === undefined) {
      this.scheduler = new PhaseScheduler({
        times,
        extraClosedDays: this.options.config.EXTRA_CLOSED_DAYS,
        logger: this.options.logger ?? createLogger({ level: 'silent' }),
        ...(this.options.cron !== undefined ? { cron: this.options.cron } : {}),
        onPhaseTime: async (side, date) => {
          const plan = await this.orders.plans.getActive();
          if (plan === undefined || plan.status !== 'active') {
            this.options.logger?.info({ side, date }, 'phase time: no active plan');
            return;
          }
          await enqueuePhaseStart(this.control, plan.id, side, date);
        },
      });
    }
    await this.scheduler.start(times);
  }

  /**
   * Stores an approved plan as the account's active plan and returns its id. Used where the plan itself is the
   * approval (the headless runner's settings file); the bot approves a previewed plan with approveStored.
   * Throws ApprovalError when another plan is active.
   */
  async approve(plan: Plan, meta: { settings?: RebalanceSettings; orderType?: OrderType } = {}): Promise<string> {
    const stored = await this.orders.plans.save(plan, {
      orderType: meta.orderType ?? this.options.config.ORDER_TYPE,
      ...(meta.settings !== undefined ? { settings: meta.settings } : {}),
    });
    return this.approveStored(stored.id, stored.hash);
  }

  /** Approves a stored (previewed) plan by id and content hash. Throws ApprovalError saying why it cannot. */
  async approveStored(id: string, hash: string): Promise<string> {
    const res = await this.orders.plans.approve(id, hash);
    if (!res.ok) {
      throw new ApprovalError(
        `plan ${id} cannot be approved: ${res.reason}${res.detail ? ` (${res.detail})` : ''}`,
        res.reason,
      );
    }
    await this.orders.emit({ type: 'plan-approved', planId: id });
    return id;
  }

  /**
   * Starts the active plan's phases now (`/run now`, the headless runner): the sell phase at once, the buy phase as
   * waiting for the sells. Idempotent per plan and day. Returns the plan id, or undefined when none is active.
   */
  async runNow(): Promise<string | undefined> {
    const plan = await this.orders.plans.getActive();
    if (plan === undefined || plan.status !== 'active') return undefined;
    const date = kstDate(new Date(this.lifecycle.now()));
    await enqueuePhaseStart(this.control, plan.id, 'sell', date);
    await enqueuePhaseStart(this.control, plan.id, 'buy', date);
    return plan.id;
  }

  /** Runs a poll in this process now, outside the schedule (tests, /status refresh). */
  pollNow(): Promise<PollReport> {
    return runPoll(this.lifecycle);
  }

  /** The kill switch: stops placing, removes waiting order jobs; optionally cancels open orders. */
  halt(options: HaltOptions = {}): Promise<HaltResult> {
    return haltOrders(this.orders, options);
  }

  /** Releases the kill switch and gives the plan's unsent records their jobs back. */
  resume(): Promise<{ readonly requeued: number; readonly planId?: string }> {
    return resumeOrders(this.orders);
  }

  /** The account's engine state. */
  async status(): Promise<EngineStatus> {
    const plans = this.orders.plans;
    const [halted, plan, live] = await Promise.all([
      this.orders.halt.get(),
      plans.getActive(),
      this.orders.ledger.listLive(),
    ]);
    const phases =
      plan === undefined
        ? undefined
        : { sell: await plans.getPhase(plan.id, 'sell'), buy: await plans.getPhase(plan.id, 'buy') };
    return {
      accountId: this.options.accountId,
      running: this.started && this.stopping === undefined,
      ...(halted !== undefined ? { halted } : {}),
      ...(plan !== undefined && phases !== undefined ? { plan: { id: plan.id, status: plan.status, phases } } : {}),
      liveOrders: live.length,
      ...(this.scheduler !== undefined ? { nextRuns: this.scheduler.nextRuns() } : {}),
    };
  }

  /**
   * Graceful stop: the cron tasks stop, then the workers close, each waiting for its job in flight (an order being
   * sent is finished and recorded), then the queues close. The poll scheduler stays in Redis for the next start.
   * The engine's Redis connection stays open for reading (close() ends it). Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.scheduler?.stop();
      await Promise.all([this.controlWorker?.close(), this.orderWorker?.close()]);
      await this.control.close();
      await closeOrderContext(this.orders);
    })();
    return this.stopping;
  }

  /**
   * stop(), then closes the engine's own Redis connection. After stop() alone the stores (`orders.ledger`,
   * `orders.outbox`, ...) can still be read; after close() they cannot. Safe to call more than once.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.stop();
      } finally {
        this.unwatchRedis();
        await this.redis.quit().catch(() => this.redis.disconnect());
      }
    })();
    return this.closing;
  }

  /**
   * Stops the engine gracefully on SIGINT or SIGTERM, then calls `after` (e.g. to exit). Returns a function that
   * removes the handlers.
   */
  stopOnSignals(after: (signal: NodeJS.Signals) => void): () => void {
    const handler = (signal: NodeJS.Signals) => {
      this.options.logger?.info({ signal }, 'stopping: waiting for the order in flight');
      void this.stop().then(
        () => after(signal),
        (err: unknown) => {
          this.options.logger?.error({ err }, 'error while stopping');
          after(signal);
        },
      );
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  }
}

/** The lifecycle settings from the engine config section. */
export function lifecycleSettings(config: Config<'engine'>): LifecycleSettings {
  return {
    pollIntervalMs: config.POLL_INTERVAL_MS,
    amend: {
      amendAfterMs: config.AMEND_AFTER_MS,
      maxAmends: config.MAX_AMENDS,
      policy: config.AMEND_POLICY,
      priceMode: config.AMEND_PRICE,
    },
    fees: { commissionPpm: config.COMMISSION_PPM, sellTaxPpm: config.SELL_TAX_PPM },
  };
}
