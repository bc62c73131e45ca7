import cron from 'node-cron';
import { isTradingDay, kstDate } from '../src/domain/tradingCalendar.ts';
import type { Side } from '../src/domain/types.ts';
import type { Logger } from '../src/logging/logger.ts';
import { phaseCronExpression } from './phaseCronExpression.ts';

/** Start times of the two phases, KST wall clock 'HH:MM' (or 'HH:MM:SS'). */
export interface PhaseTimes {
  readonly sell: string;
  readonly buy: string;
}

/** The part of node-cron the scheduler uses (a test passes a fake that fires on command). */
export interface CronLike {
  schedule(
    expression: string,
    fn: (context: { date: Date }) => unknown,
    options: { timezone: string; name: string; noOverlap: boolean },
  ): CronTaskLike;
  validate(expression: string): boolean;
}

/** A scheduled cron task, as far as the scheduler needs it. */
export interface CronTaskLike {
  stop(): void | Promise<void>;
  destroy(): void | Promise<void>;
  getNextRun(): Date | null;
}

/** What the phase scheduler needs. */
export interface PhaseSchedulerOptions {
  readonly times: PhaseTimes;
  /** Extra market closures, 'YYYY-MM-DD' (config EXTRA_CLOSED_DAYS). */
  readonly extraClosedDays: readonly string[];
  /**
   * Called at a phase's start time on a trading day with the KST date. It must only enqueue a control job (with an
   * idempotent id, see phaseStartJobId), never do the work itself: a cron callback has no retries and no lock.
   */
  readonly onPhaseTime: (side: Side, dateKst: string) => Promise<void>;
  readonly logger: Logger;
  /** Defaults to node-cron. */
  readonly cron?: CronLike;
}

/** KRX runs on Korean time; node-cron resolves the expression in this zone. */
export const PHASE_TIMEZONE = 'Asia/Seoul';

/**
 * node-cron tasks (timezone Asia/Seoul) that report the sell and buy start times on trading days only
 * (product.md flow steps 4 and 6). A day the calendar does not cover counts as closed, and is logged as an error:
 * a stale calendar must stop trading, not trade on a holiday.
 */
export class PhaseScheduler {
  private readonly cron: CronLike;
  private tasks: Array<{ side: Side; task: CronTaskLike }> = [];

  constructor(private readonly options: PhaseSchedulerOptions) {
    this.cron = options.cron ?? (cron as unknown as CronLike);
  }

  /** Schedules both phases (replacing any earlier schedule). Throws RangeError on a malformed time. */
  async start(times: PhaseTimes = this.options.times): Promise<void> {
    const expressions = { sell: phaseCronExpression(times.sell), buy: phaseCronExpression(times.buy) };
    for (const expression of Object.values(expressions)) {
      if (!this.cron.validate(expression)) throw new RangeError(`invalid cron expression: ${expression}`);
    }
    await this.stop();
    for (const side of ['sell', 'buy'] as const) {
      const task = this.cron.schedule(expressions[side], (context) => this.fire(side, context.date), {
        timezone: PHASE_TIMEZONE,
        name: `phase-${side}`,
        noOverlap: true,
      });
      this.tasks.push({ side, task });
    }
  }

  /** Next time each phase's task fires (not yet filtered for holidays), or null when not scheduled. */
  nextRuns(): Record<Side, Date | null> {
    const of = (side: Side) => this.tasks.find((t) => t.side === side)?.task.getNextRun() ?? null;
    return { sell: of('sell'), buy: of('buy') };
  }

  /** Stops and removes the tasks. */
  async stop(): Promise<void> {
    const tasks = this.tasks;
    this.tasks = [];
    for (const { task } of tasks) {
      await task.stop();
      await task.destroy();
    }
  }

  /** The cron callback: a trading-day check and one enqueue; errors are logged, never thrown into node-cron. */
  async fire(side: Side, at: Date): Promise<void> {
    const date = kstDate(at);
    let open: boolean;
    try {
      open = isTradingDay(date, { extraClosures: this.options.extraClosedDays });
    } catch (err) {
      this.options.logger.error({ err, side, date }, 'trading calendar cannot answer: phase not started');
      return;
    }
    if (!open) {
      this.options.logger.info({ side, date }, 'not a trading day: phase not started');
      return;
    }
    try {
      await this.options.onPhaseTime(side, date);
    } catch (err) {
      this.options.logger.error({ err, side, date }, 'could not enqueue the phase start');
    }
  }
}
