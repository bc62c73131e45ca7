import cron from 'node-cron';
import { isTradingDay, kstDate } from '../src/domain/tradingCalendar.ts';
import type { BotDeps } from './deps.ts';
import { sendPreview } from './features/preview.ts';

/** What the schedule needs of node-cron (tests pass a fake). */
export interface PreviewCron {
  schedule(
    expression: string,
    fn: () => unknown,
    options: { timezone: string; name: string; noOverlap: boolean },
  ): { stop(): unknown; destroy(): unknown };
}

/**
 * `/times preview HH:MM`: on trading days at that KST time a fresh preview is pushed to every allowed chat, so the
 * owner can approve with one tap. Nothing trades without that tap. Skipped while a plan is active (approved or
 * halted): a preview could not be approved then anyway.
 */
export class PreviewSchedule {
  private task: { stop(): unknown; destroy(): unknown } | undefined;
  private time: string | undefined;

  constructor(
    private readonly deps: Pick<
      BotDeps,
      'sender' | 'session' | 'settings' | 'approvalTtlMs' | 'now' | 'chatIds' | 'logger'
    >,
    private readonly cronLike: PreviewCron = cron as unknown as PreviewCron,
  ) {}

  /** (Re)schedules for `time` (`HH:MM` KST), or stops pushing when undefined. */
  async set(time: string | undefined): Promise<void> {
    if (time === this.time) return;
    await this.stop();
    this.time = time;
    if (time === undefined) return;
    const [h, m] = time.split(':').map(Number);
    this.task = this.cronLike.schedule(`0 ${m} ${h} * * 1-5`, () => this.fire(), {
      timezone: 'Asia/Seoul',
      name: 'preview-push',
      noOverlap: true,
    });
  }

  async stop(): Promise<void> {
    const task = this.task;
    this.task = undefined;
    this.time = undefined;
    if (task !== undefined) {
      await task.stop();
      await task.destroy();
    }
  }

  /** The cron callback: trading day and no active plan, then one preview to every chat. Never throws. */
  async fire(): Promise<void> {
    const { deps } = this;
    try {
      const today = kstDate(new Date(deps.now()));
      if (!isTradingDay(today, { extraClosures: deps.session.config.EXTRA_CLOSED_DAYS })) return;
      if ((await deps.session.engine.status()).plan !== undefined) {
        deps.logger.info('preview time: a plan is active, no preview pushed');
        return;
      }
      await sendPreview(deps, deps.chatIds, { retryForever: true });
    } catch (err) {
      deps.logger.error({ err }, 'could not push the scheduled preview');
    }
  }
}
