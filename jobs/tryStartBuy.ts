import { entryLimitPrice } from '../src/domain/entryLimitPrice.ts';
import { resizeBuys } from '../src/domain/resizeBuys.ts';
import type { StockCode } from '../src/domain/types.ts';
import type { StoredPlan } from '../src/store/PlanStore.ts';
import type { OrderContext } from './OrderContext.ts';
import { enqueuePhaseRounds } from './orderQueue.ts';

/**
 * Starts a waiting buy phase once the sell phase is done (so no sell order of the plan is open or still to be
 * sent): the buy legs are re-sized to the orderable cash now, minus the cash target, budgeted at the price each
 * order would be sent at now (resizeBuys), stored on the plan, and their rounds queued. True when this call started
 * it.
 */
export async function tryStartBuy(ctx: OrderContext, plan: StoredPlan): Promise<boolean> {
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
    fees: ctx.settings.fees,
    prices,
  });
  // The re-sized legs are stored in the same atomic step as the move to running (a start that loses stores nothing).
  if (!(await ctx.plans.casPhase(plan.id, 'buy', 'waiting', 'running', legs))) return false;
  const shrunk = legs.filter((leg, i) => leg.qty !== plan.plan.buys[i]?.qty);
  ctx.logger?.info(
    { planId: plan.id, orderableCash: account.orderableCash, cashReserve, resized: shrunk.map((l) => [l.code, l.qty]) },
    'buy phase starts',
  );
  await ctx.emit({ type: 'phase-started', planId: plan.id, side: 'buy' });
  await enqueuePhaseRounds(ctx, plan.id, 'buy');
  return true;
}
