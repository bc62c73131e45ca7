import type { Execution } from '../src/domain/Execution.ts';
import { kstHHmmss } from '../src/domain/kstClock.ts';
import { DEFAULT_CLOCK_SKEW_MS, type SentOrder } from '../src/domain/matchUnknownOrder.ts';
import type { OpenOrder } from '../src/domain/OpenOrder.ts';
import { orderNoDay } from '../src/domain/orderNoDay.ts';
import type { Side, StockCode } from '../src/domain/types.ts';
import { type UnownedOrder, unownedPlanOrders } from '../src/domain/unownedPlanOrders.ts';
import type { StoredPlan } from '../src/store/PlanStore.ts';
import { matchWindow } from './brokerClock.ts';
import { haltOrders } from './killSwitch.ts';
import type { OrderContext } from './OrderContext.ts';

/**
 * The poll's last line of defence against a round sent twice: when the broker lists an order for a code of the
 * active plan (on the side the plan trades it, in a phase that has started) that no ledger record owns and no
 * unsettled record could still adopt (see unownedPlanOrders), every later round would be sized from a ledger that
 * is wrong. The engine halts (kill switch, jobs/killSwitch.ts) and an `error` event names the orders; a person
 * checks them (`npm run ledger`) and resumes. Orders placed by hand for a plan code stop the plan the same way.
 */

/** The broker's two order lists (open orders, executions) as the poll read them. */
export interface OrderLists {
  readonly openOrders: readonly OpenOrder[];
  readonly executions: readonly Execution[];
}

/**
 * Checks the lists (read before this call, or now) against the ledger (read after them) and halts on an unowned
 * order. Returns the unowned orders found (empty: nothing done). Does nothing while halted or when the plan is not
 * active.
 */
export async function haltOnUnownedOrders(
  ctx: OrderContext,
  plan: StoredPlan,
  listsReadBefore?: OrderLists,
): Promise<readonly UnownedOrder[]> {
  if (plan.status !== 'active' || (await ctx.halt.isSet())) return [];
  const planCodes: Record<Side, Set<StockCode>> = { sell: new Set(), buy: new Set() };
  const window = matchWindow(ctx);
  const listedFrom: Partial<Record<Side, string>> = {};
  for (const side of ['sell', 'buy'] as const) {
    const phase = await ctx.plans.getPhase(plan.id, side);
    if (phase !== 'running' && phase !== 'done') continue;
    for (const leg of side === 'sell' ? plan.plan.sells : plan.plan.buys) planCodes[side].add(leg.code);
    // Orders listed before the phase started (a hand trade in the morning) are not its rounds; only today's start
    // bounds today's lists (a phase that waited overnight counts every order of today).
    // The bound is taken only when it falls on today too (a start just after midnight must not bound it at 23:59).
    const since = await ctx.plans.phaseRunningSince(plan.id, side);
    const from =
      since === undefined
        ? undefined
        : since + (window.brokerOffsetMs ?? 0) - (window.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS);
    if (from !== undefined && orderNoDay(from) === ctx.ledger.today()) listedFrom[side] = kstHHmmss(from);
  }
  if (planCodes.sell.size === 0 && planCodes.buy.size === 0) return [];
  let lists = listsReadBefore;
  if (lists === undefined) {
    const [openOrders, executions] = await Promise.all([ctx.broker.getOpenOrders(), ctx.broker.getExecutions()]);
    lists = { openOrders, executions };
  }
  // The ledger AFTER the lists: an order listed was accepted before, so by now its record claims it or is still
  // `sending`/`unknown` (adoptable). Live records first, then the claims: a record moving from `sending` to `open`
  // in between is seen in one or the other.
  const live = await ctx.ledger.listLive();
  const claimed = await ctx.ledger.claimedOrderNos();
  const owned = new Set(claimed);
  const unsettled: SentOrder[] = [];
  for (const r of live) {
    for (const no of r.orderNos) owned.add(no);
    if (r.unclaimedOrderNo !== undefined) owned.add(r.unclaimedOrderNo);
    if (r.state === 'sending' || r.state === 'unknown') {
      const price = r.orderType === 'market' ? 0 : r.price;
      unsettled.push({ code: r.code, side: r.side, qty: r.qty, price, sentAt: r.sentAt ?? r.updatedAt });
    }
  }
  const unowned = unownedPlanOrders({
    planCodes,
    openOrders: lists.openOrders,
    executions: lists.executions,
    ownedOrderNos: owned,
    unsettled,
    listedFrom,
    ...window,
  });
  if (unowned.length === 0) return [];
  ctx.logger?.error({ planId: plan.id, orders: unowned }, 'unowned broker orders for plan codes: halting');
  await ctx.emit({ type: 'error', planId: plan.id, code: 'unowned-orders', orders: [...unowned] });
  await haltOrders(ctx, { by: { via: 'unowned-orders' } });
  return unowned;
}
