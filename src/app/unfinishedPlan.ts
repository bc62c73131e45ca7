import type { AccountSession } from './openAccount.ts';
import { type PreviewedPlan, previewedPlan } from './proposePlan.ts';

/**
 * The plan holding the account's active slot (approved, not done or cancelled), or undefined: a headless run
 * resumes it instead of planning anew.
 */
export async function unfinishedPlan(session: Pick<AccountSession, 'engine'>): Promise<PreviewedPlan | undefined> {
  const stored = await session.engine.orders.plans.getActive();
  return stored === undefined ? undefined : previewedPlan(stored);
}
