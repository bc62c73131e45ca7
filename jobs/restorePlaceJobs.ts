import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { Side } from '../src/domain/types.ts';
import type { StoredPlan } from '../src/store/PlanStore.ts';
import type { OrderContext } from './OrderContext.ts';
import { ensurePlaceJob } from './orderQueue.ts';

/**
 * The poll's safety net for rounds waiting to be sent: every `queued` record of a running phase of the active plan
 * gets its place job back when it has none (gone, failed for good, or completed while the record was put back to
 * `queued`, e.g. by a reconciliation that proved its request never arrived). Without it such a round would wait
 * for ever and its phase never end. Idempotent: ensurePlaceJob adds nothing while a job of the record's
 * deterministic id is waiting, delayed or running, and replaces a finished one. Nothing while the kill switch is
 * thrown or the plan is not active (resume gives the jobs back). Returns how many jobs were added.
 */
export async function restorePlaceJobs(
  ctx: OrderContext,
  plan: StoredPlan,
  live: readonly LedgerRecord[],
): Promise<number> {
  if (plan.status !== 'active' || (await ctx.halt.isSet())) return 0;
  const waiting = live.filter((r) => r.planId === plan.id && r.state === 'queued');
  if (waiting.length === 0) return 0;
  const running = new Set<Side>();
  for (const side of ['sell', 'buy'] as const) {
    if ((await ctx.plans.getPhase(plan.id, side)) === 'running') running.add(side);
  }
  let added = 0;
  for (const rec of waiting) {
    if (!running.has(rec.side)) continue;
    if (await ensurePlaceJob(ctx, rec)) {
      added++;
      ctx.logger?.warn({ recordId: rec.id, planId: plan.id }, 'queued round had no live place job: job restored');
    }
  }
  return added;
}
