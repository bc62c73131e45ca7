import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OrderType } from '../src/domain/OrderType.ts';
import { kstDate } from '../src/domain/tradingCalendar.ts';
import type { Plan, RebalanceSettings } from '../src/domain/types.ts';
import { createLogger } from '../src/logging/logger.ts';
import { outageProofOptions } from '../src/store/outageProofOptions.ts';
import { checkRedisPersistence, type PersistenceReport } from '../src/store/redisPersistence.ts';
import {
  type ControlJobData,
  type ControlJobResult,
  createControlQueue,
  createControlWorker,
  enqueuePhaseStart,
  upsertPollScheduler,
} from './controlQueue.ts';
import type { EngineOptions } from './EngineOptions.ts';
import { type EngineStatus, readEngineStatus } from './EngineStatus.ts';
import { engineSettings } from './engineSettings.ts';
import { ApprovalError } from './errors/ApprovalError.ts';
import { type HaltOptions, type HaltResult, haltOrders, resumeOrders } from './killSwitch.ts';
import {
  closeOrderContext,
  createOrderContext,
  type OrderContext,
  type OrderJobData,
  type OrderJobResult,
} from './OrderContext.ts';
import { createOrderWorker } from './orderQueue.ts';
import { PhaseScheduler, type PhaseTimes } from './PhaseScheduler.ts';
import { type PollReport, runPoll } from './pollJob.ts';
import { type RecoverySummary, recoverLedger } from './recoverLedger.ts';
import { haltOnUnownedOrders } from './unownedOrderGuard.ts';
import { watchRedisOutage } from './watchRedisOutage.ts';

/** What Engine.start found: the ledger's recovery, and Redis's persistence settings. */
export type EngineStartSummary = RecoverySummary & { readonly persistence: PersistenceReport };

/**
 * The execution engine of one account: a facade over the order queue (E1), the control queue (poll, phase starts)
 * and the phase cron tasks. start() reconciles the ledger with the broker before anything can be placed, then
 * starts the workers and the poll; stop() closes the workers, waiting for the job in flight (an order being sent
 * finishes and is recorded).
 */
export class Engine {
  readonly orders: OrderContext;
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
      settings: engineSettings(options),
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
      logger: options.logger,
    });
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
      await runPoll(this.orders);
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
    this.controlWorker = createControlWorker(this.orders, this.options.controlWorker);
    await upsertPollScheduler(this.control, this.orders.settings.pollIntervalMs);
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
      if (plan !== undefined) await haltOnUnownedOrders(this.orders, plan);
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
    const date = kstDate(new Date(this.orders.now()));
    await enqueuePhaseStart(this.control, plan.id, 'sell', date);
    await enqueuePhaseStart(this.control, plan.id, 'buy', date);
    return plan.id;
  }

  /** Runs a poll in this process now, outside the schedule (tests, /status refresh). */
  pollNow(): Promise<PollReport> {
    return runPoll(this.orders);
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
  status(): Promise<EngineStatus> {
    return readEngineStatus(this.orders, {
      running: this.started && this.stopping === undefined,
      nextRuns: this.scheduler?.nextRuns(),
    });
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
