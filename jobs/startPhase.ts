import type { Side } from '../src/domain/types.ts';
import type { OrderContext } from './OrderContext.ts';
import { enqueuePhaseRounds } from './orderQueue.ts';
import { tryStartBuy } from './tryStartBuy.ts';

/**
 * The phases of a plan (product.md flow steps 4, 6 and 7), as compare-and-set moves of the plan's phase states, so
 * every start and end happens once however often a job runs:
 * - sell: pending -> running (rounds queued) -> done (summary);
 * - buy: pending -> waiting (its start time came) -> running (once the sell phase is done: legs re-sized to the
 *   orderable cash of that moment, rounds queued) -> done (summary);
 * - both done: the plan is done.
 * Nothing starts while the kill switch is thrown or the plan is not active. The moves: startPhase (here, a start
 * time or `run now`), tryStartBuy (the buy start once the sells are done) and advancePhases (the poll's step: phase
 * ends, the buy start, the plan's end).
 */

/** What a phase start did. */
export type PhaseStartOutcome = 'started' | 'waiting' | 'already' | 'not-active';

/** Starts a phase of an active plan (the control job of a cron firing or `run now`). Idempotent. */
export async function startPhase(ctx: OrderContext, planId: string, side: Side): Promise<PhaseStartOutcome> {
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
  if (await tryStartBuy(ctx, plan)) return 'started';
  await ctx.emit({ type: 'phase-waiting', planId, side: 'buy', code: 'sells-not-done' });
  return 'waiting';
}
