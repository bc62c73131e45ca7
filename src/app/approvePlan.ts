import { ApprovalError } from '../../jobs/errors/ApprovalError.ts';
import { nextPhaseRun, type PhaseRun } from '../domain/nextPhaseRun.ts';
import type { Plan } from '../domain/types.ts';
import { LatestPreview } from '../store/LatestPreview.ts';
import { ApprovalRefusedError } from './errors/ApprovalRefusedError.ts';
import type { AccountSession } from './openAccount.ts';
import type { AccountSettingsService } from './settings.ts';

/** An approved plan and when its sell phase will start (unless started now). */
export interface ApprovedPlan {
  readonly id: string;
  readonly plan: Plan;
  readonly approvedAt: number;
  /** The scheduled start of the sell phase (times of the settings, trading days). */
  readonly runs: PhaseRun;
}

/**
 * Approves the previewed plan `planId` whose hash starts with `hashPrefix` (the button's data). Accepted once, only
 * for the account's newest preview, within its validity, only while the settings are at the revision the preview
 * was made from, and never while the kill switch is thrown; otherwise throws ApprovalRefusedError with the reason
 * and nothing changes. The final check and the switch to `active` are one atomic step in Redis (PlanStore.approve),
 * so two presses cannot both win.
 */
export async function approvePlan(
  session: Pick<AccountSession, 'accountId' | 'redis' | 'engine' | 'config'>,
  settingsService: AccountSettingsService,
  planId: string,
  hashPrefix: string,
  now: number = Date.now(),
): Promise<ApprovedPlan> {
  const plans = session.engine.orders.plans;
  const stored = await plans.get(planId);
  if (stored === undefined) throw new ApprovalRefusedError('missing', planId);
  if (hashPrefix.length < 8 || !stored.hash.startsWith(hashPrefix)) {
    throw new ApprovalRefusedError('hash-mismatch', planId);
  }
  if (stored.status !== 'pending') throw new ApprovalRefusedError('not-pending', planId, stored.status);
  if (stored.expiresAt !== undefined && stored.expiresAt < now) throw new ApprovalRefusedError('expired', planId);
  const latest = await new LatestPreview(session.redis, session.accountId).get();
  if (latest?.planId !== planId) throw new ApprovalRefusedError('superseded', planId, latest?.planId);
  const { settings, rev } = await settingsService.get();
  if (rev !== latest.settingsRev) throw new ApprovalRefusedError('settings-changed', planId);
  // After /stop nothing may become runnable: an approval now would wait for a /resume meant for something else, and
  // its reply would name a start the kill switch prevents.
  if (await session.engine.orders.halt.isSet()) throw new ApprovalRefusedError('halted', planId);
  try {
    await session.engine.approveStored(planId, stored.hash);
  } catch (err) {
    if (err instanceof ApprovalError) {
      throw new ApprovalRefusedError(err.reason ?? 'not-pending', planId, err.message);
    }
    throw err;
  }
  return {
    id: planId,
    plan: stored.plan,
    approvedAt: now,
    runs: nextPhaseRun(settings.times.sell, now, session.config.EXTRA_CLOSED_DAYS),
  };
}

/** Cancels a pending (previewed, not approved) plan; false when it was not pending. */
export async function cancelPlan(session: Pick<AccountSession, 'engine'>, planId: string): Promise<boolean> {
  const plans = session.engine.orders.plans;
  const stored = await plans.get(planId);
  if (stored?.status !== 'pending') return false;
  try {
    await plans.setStatus(planId, 'cancelled', ['pending']);
    return true;
  } catch {
    return false;
  }
}
