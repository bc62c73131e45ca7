import { isPhaseDone } from '../src/domain/isPhaseDone.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import { missingFollowUps } from '../src/domain/missingFollowUps.ts';
import { type PhaseLeg, phaseSummary } from '../src/domain/phaseSummary.ts';
import type { Side } from '../src/domain/types.ts';
import { PlanStateError } from '../src/store/errors/PlanStateError.ts';
import type { StoredPlan } from '../src/store/PlanStore.ts';
import { ensureFollowUp } from './ensureFollowUp.ts';
import type { OrderContext } from './OrderContext.ts';
import { enqueuePhaseRounds } from './orderQueue.ts';
import { emitPhaseReport } from './phaseReport.ts';
import { tryStartBuy } from './tryStartBuy.ts';

/** What advancePhases changed. */
export interface PhaseProgress {
  readonly ended: readonly Side[];
  readonly buyStarted: boolean;
  readonly planDone: boolean;
}

/**
 * The poll's phase step for the active plan: ends running phases whose records are all final (one `phase-ended`
 * with the summary each, then one `report` or `report-missing`, see emitPhaseReport), starts the waiting buy phase
 * when the sells are done, and marks the plan done (one `plan-done`) when both phases are. A running phase whose
 * rounds are not all in the ledger (a crash between the start and the queueing) gets them queued again; that is
 * idempotent.
 */
export async function advancePhases(ctx: OrderContext, plan: StoredPlan): Promise<PhaseProgress> {
  const ended: Side[] = [];
  let buyStarted = false;
  if (plan.status !== 'active' || (await ctx.halt.isSet())) return { ended, buyStarted, planDone: false };
  for (const side of ['sell', 'buy'] as const) {
    if (side === 'buy' && (await ctx.plans.getPhase(plan.id, 'buy')) === 'waiting') {
      const fresh = (await ctx.plans.get(plan.id)) ?? plan;
      buyStarted = await tryStartBuy(ctx, fresh);
    }
    if ((await ctx.plans.getPhase(plan.id, side)) !== 'running') continue;
    const records = await ctx.ledger.listByPlan(plan.id, side);
    const legs = await phaseLegs(ctx, plan.id, side);
    if (isPhaseDone(side, legs, records)) {
      if (await ctx.plans.casPhase(plan.id, side, 'running', 'done')) {
        await ctx.emit({ type: 'phase-ended', planId: plan.id, side, summary: phaseSummary(side, legs, records) });
        // Before the buy start below, so the sell report shows the account between the phases.
        await emitPhaseReport(ctx, plan.id, side);
        ended.push(side);
        if (side === 'sell') {
          const fresh = (await ctx.plans.get(plan.id)) ?? plan;
          buyStarted = await tryStartBuy(ctx, fresh);
        }
      }
    } else {
      await createMissingFollowUps(ctx, records);
      if (missingRounds(legs, records)) {
        ctx.logger?.warn({ planId: plan.id, side }, 'running phase misses ledger records: queueing its rounds again');
        await enqueuePhaseRounds(ctx, plan.id, side);
      }
    }
  }
  const planDone = await finishPlan(ctx, plan.id);
  return { ended, buyStarted, planDone };
}

/** Marks the plan done (and frees the account's active slot) once both phases are done; true when this call did. */
async function finishPlan(ctx: OrderContext, planId: string): Promise<boolean> {
  const [sell, buy] = await Promise.all([ctx.plans.getPhase(planId, 'sell'), ctx.plans.getPhase(planId, 'buy')]);
  if (sell !== 'done' || buy !== 'done') return false;
  try {
    await ctx.plans.setStatus(planId, 'done', ['active']);
  } catch (err) {
    if (err instanceof PlanStateError) return false;
    throw err;
  }
  await ctx.emit({ type: 'plan-done', planId });
  return true;
}

/** The legs a phase executes: the plan's legs of that side (for buys: after the resize), in the plan's order. */
async function phaseLegs(ctx: OrderContext, planId: string, side: Side): Promise<PhaseLeg[]> {
  return [...(await ctx.plans.getLegs(planId, side))];
}

/**
 * Market follow-ups that should exist and do not (missingFollowUps): created with their place jobs (ensureFollowUp is
 * idempotent). Covers a crash between closing a cancelled record and creating its follow-up.
 */
async function createMissingFollowUps(ctx: OrderContext, records: readonly LedgerRecord[]): Promise<void> {
  for (const rec of missingFollowUps(records)) {
    ctx.logger?.warn({ recordId: rec.id }, 'cancelled record misses its market follow-up: creating it');
    await ensureFollowUp(ctx, rec);
  }
}

function missingRounds(legs: readonly PhaseLeg[], records: readonly LedgerRecord[]): boolean {
  return legs.some((leg) => leg.qty > 0 && !records.some((r) => r.code === leg.code && r.isLastRound));
}
