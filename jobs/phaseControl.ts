import { entryLimitPrice } from '../src/domain/entryLimitPrice.ts';
import { isPhaseDone } from '../src/domain/isPhaseDone.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import { missingFollowUps } from '../src/domain/missingFollowUps.ts';
import { type PhaseLeg, phaseSummary } from '../src/domain/phaseSummary.ts';
import { resizeBuys } from '../src/domain/resizeBuys.ts';
import type { Side, StockCode } from '../src/domain/types.ts';
import { PlanStateError } from '../src/store/errors/PlanStateError.ts';
import type { StoredPlan } from '../src/store/PlanStore.ts';
import type { LifecycleContext } from './LifecycleContext.ts';
import { enqueuePhaseRounds } from './orderQueue.ts';
import { emitPhaseReport } from './phaseReport.ts';
import { ensureFollowUp } from './reconcile.ts';

/**
 * The phases of a plan (product.md flow steps 4, 6 and 7), as compare-and-set moves of the plan's phase states, so
 * every start and end happens once however often a job runs:
 * - sell: pending -> running (rounds queued) -> done (summary);
 * - buy: pending -> waiting (its start time came) -> running (once the sell phase is done: legs re-sized to the
 *   orderable cash of that moment, rounds queued) -> done (summary);
 * - both done: the plan is done.
 * Nothing starts while the kill switch is thrown or the plan is not active.
 */

/** What a phase start did. */
export type PhaseStartOutcome = 'started' | 'waiting' | 'already' | 'not-active';

/** Starts a phase of an active plan (the control job of a cron firing or `run now`). Idempotent. */
export async function startPhase(lc: LifecycleContext, planId: string, side: Side): Promise<PhaseStartOutcome> {
  const ctx = lc.orders;
  const plan = await ctx.plans.get(planId);
  if (plan === undefined || plan.status !== 'active' || (await ctx.halt.isSet())) return 'not-active';
  if (side === 'sell') {
    if (await ctx.plans.casPhase(planId, 'sell', 'pending', 'running')) {
      await ctx.emit({ type: 'phase-started', planId, side: 'sell' });
      await enqueuePhaseRounds(ctx, planId, 'sell');
      return 'started';
    }
    return 'already';
  }
  if (!(await ctx.plans.casPhase(planId, 'buy', 'pending', 'waiting'))) return 'already';
  if (await tryStartBuy(lc, plan)) return 'started';
  await ctx.emit({
    type: 'phase-waiting',
    planId,
    side: 'buy',
    reason: 'the sell orders of the plan are not finished yet; checking at every poll',
  });
  return 'waiting';
}

/**
 * Starts a waiting buy phase once the sell phase is done (so no sell order of the plan is open or still to be
 * sent): the buy legs are re-sized to the orderable cash now, minus the cash target, budgeted at the price each
 * order would be sent at now (resizeBuys), stored on the plan, and their rounds queued. True when this call started
 * it.
 */
export async function tryStartBuy(lc: LifecycleContext, plan: StoredPlan): Promise<boolean> {
  const ctx = lc.orders;
  if ((await ctx.plans.getPhase(plan.id, 'buy')) !== 'waiting') return false;
  if ((await ctx.plans.getPhase(plan.id, 'sell')) !== 'done') return false;
  if (await ctx.halt.isSet()) return false;
  const account = await ctx.broker.getAccount();
  const prices: Record<StockCode, number> = {};
  for (const leg of plan.plan.buys) {
    if (leg.qty > 0) prices[leg.code] = entryLimitPrice('buy', await ctx.broker.getQuote(leg.code));
  }
  const cashReserve = Math.ceil((plan.plan.totalValue * (plan.settings?.cashPct ?? 0)) / 100);
  const legs = resizeBuys({
    legs: plan.plan.buys,
    orderableCash: account.orderableCash,
    cashReserve,
    fees: lc.settings.fees,
    prices,
  });
  // The re-sized legs are stored in the same atomic step as the move to running (a start that loses stores nothing).
  if (!(await ctx.plans.casPhase(plan.id, 'buy', 'waiting', 'running', legs))) return false;
  const shrunk = legs.filter((leg, i) => leg.qty !== plan.plan.buys[i]?.qty);
  lc.logger?.info(
    { planId: plan.id, orderableCash: account.orderableCash, cashReserve, resized: shrunk.map((l) => [l.code, l.qty]) },
    'buy phase starts',
  );
  await ctx.emit({ type: 'phase-started', planId: plan.id, side: 'buy' });
  await enqueuePhaseRounds(ctx, plan.id, 'buy');
  return true;
}

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
export async function advancePhases(lc: LifecycleContext, plan: StoredPlan): Promise<PhaseProgress> {
  const ctx = lc.orders;
  const ended: Side[] = [];
  let buyStarted = false;
  if (plan.status !== 'active' || (await ctx.halt.isSet())) return { ended, buyStarted, planDone: false };
  for (const side of ['sell', 'buy'] as const) {
    if (side === 'buy' && (await ctx.plans.getPhase(plan.id, 'buy')) === 'waiting') {
      const fresh = (await ctx.plans.get(plan.id)) ?? plan;
      buyStarted = await tryStartBuy(lc, fresh);
    }
    if ((await ctx.plans.getPhase(plan.id, side)) !== 'running') continue;
    const records = await ctx.ledger.listByPlan(plan.id, side);
    const legs = await phaseLegs(lc, plan.id, side);
    if (isPhaseDone(side, legs, records)) {
      if (await ctx.plans.casPhase(plan.id, side, 'running', 'done')) {
        await ctx.emit({ type: 'phase-ended', planId: plan.id, side, summary: phaseSummary(side, legs, records) });
        // Before the buy start below, so the sell report shows the account between the phases.
        await emitPhaseReport(lc, plan.id, side);
        ended.push(side);
        if (side === 'sell') {
          const fresh = (await ctx.plans.get(plan.id)) ?? plan;
          buyStarted = await tryStartBuy(lc, fresh);
        }
      }
    } else {
      await createMissingFollowUps(lc, records);
      if (missingRounds(legs, records)) {
        lc.logger?.warn({ planId: plan.id, side }, 'running phase misses ledger records: queueing its rounds again');
        await enqueuePhaseRounds(ctx, plan.id, side);
      }
    }
  }
  const planDone = await finishPlan(lc, plan.id);
  return { ended, buyStarted, planDone };
}

/** Marks the plan done (and frees the account's active slot) once both phases are done; true when this call did. */
async function finishPlan(lc: LifecycleContext, planId: string): Promise<boolean> {
  const ctx = lc.orders;
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
async function phaseLegs(lc: LifecycleContext, planId: string, side: Side): Promise<PhaseLeg[]> {
  return [...(await lc.orders.plans.getLegs(planId, side))];
}

/**
 * Market follow-ups that should exist and do not (missingFollowUps): created with their place jobs (ensureFollowUp is
 * idempotent). Covers a crash between closing a cancelled record and creating its follow-up.
 */
async function createMissingFollowUps(lc: LifecycleContext, records: readonly LedgerRecord[]): Promise<void> {
  for (const rec of missingFollowUps(records)) {
    lc.logger?.warn({ recordId: rec.id }, 'cancelled record misses its market follow-up: creating it');
    await ensureFollowUp(lc.orders, rec);
  }
}

function missingRounds(legs: readonly PhaseLeg[], records: readonly LedgerRecord[]): boolean {
  return legs.some((leg) => leg.qty > 0 && !records.some((r) => r.code === leg.code && r.isLastRound));
}
