import { nextPhaseRun } from '../domain/nextPhaseRun.ts';
import { REGULAR_HOURS } from '../domain/tradingCalendar.ts';
import type { AccountSession } from './openAccount.ts';
import type { AccountSettingsService } from './settings.ts';

/** An approved plan that never started and whose session has passed: it was cancelled. */
export interface ExpiredApproval {
  readonly planId: string;
  /** The KST date it was to run. */
  readonly date: string;
}

/**
 * Cancels the active plan when it was approved, never started (sell phase still `pending`), and the trading session
 * it was approved for has closed (the bot was down at the start time, or the cron could not fire): a plan priced
 * on an old account snapshot must not start on a later day by surprise. Returns what it cancelled, or undefined.
 */
export async function expireMissedApproval(
  session: Pick<AccountSession, 'engine' | 'config'>,
  settingsService: AccountSettingsService,
  now: number = Date.now(),
): Promise<ExpiredApproval | undefined> {
  const plans = session.engine.orders.plans;
  const plan = await plans.getActive();
  if (plan === undefined || plan.status !== 'active' || plan.approvedAt === undefined) return undefined;
  if ((await plans.getPhase(plan.id, 'sell')) !== 'pending' || (await plans.getPhase(plan.id, 'buy')) !== 'pending') {
    return undefined;
  }
  const { settings } = await settingsService.get();
  let run: ReturnType<typeof nextPhaseRun>;
  try {
    run = nextPhaseRun(settings.times.sell, plan.approvedAt, session.config.EXTRA_CLOSED_DAYS);
  } catch {
    return undefined;
  }
  // The session of that day ends at the regular close (a late or short day only moves it by an hour).
  const closeAt = run.at + (REGULAR_HOURS.close + 60 - minuteOf(run.time)) * 60_000;
  if (now < closeAt) return undefined;
  try {
    await plans.setStatus(plan.id, 'cancelled', ['active']);
  } catch {
    return undefined;
  }
  return { planId: plan.id, date: run.date };
}

function minuteOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
