import { describe, expect, test } from 'vitest';
import { advancePhases } from '../../jobs/advancePhases.ts';
import type { OrderContext } from '../../jobs/OrderContext.ts';
import { tryStartBuy } from '../../jobs/tryStartBuy.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { leg } from '../kit/leg.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

/** The context with the broker reporting `cash` as the orderable cash (another moment's account). */
function withCash(ctx: OrderContext, cash: number): OrderContext {
  const broker = Object.create(ctx.broker) as typeof ctx.broker;
  broker.getAccount = async () => ({ ...(await ctx.broker.getAccount()), orderableCash: cash });
  return { ...ctx, broker };
}

async function buyPlanWithSellsDone(e: EngineEnv): Promise<string> {
  // 3 rounds of 10 shares at about 41,000 won: 30 shares (1.23M won) at full size.
  const planId = await savePlan(e, [], [leg('035720', '카카오', 41_000, [10, 10, 10])]);
  const saved = await e.ctx.plans.get(planId);
  expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
  expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'done')).toBe(true);
  expect(await e.ctx.plans.casPhase(planId, 'buy', 'pending', 'waiting')).toBe(true);
  return planId;
}

/**
 * Review of issue 11 (sound checks, expected to pass): the buy legs are stored with the move to running, so every
 * round of a leg, the last one included, is measured against the legs the winning start queued.
 */
describe('the buy start stores its legs once', () => {
  test('two racing starts from different cash: one wins, and every round is sized from its legs', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await buyPlanWithSellsDone(e);
    const plan = await e.ctx.plans.get(planId);
    if (plan === undefined) throw new Error('no plan');
    const [a, b] = await Promise.all([
      tryStartBuy(withCash(e.ctx, 500_000), plan),
      tryStartBuy(withCash(e.ctx, 50_000_000), plan),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const legs = await e.ctx.plans.getLegs(planId, 'buy');
    const legQty = legs[0]?.qty ?? -1;
    e.startWorker();
    await waitFor(() => allSent(e, planId), 15_000, 'all rounds placed');
    const records = await e.ctx.ledger.listByPlan(planId, 'buy');
    const planned = records.reduce((s, r) => s + r.plannedQty, 0);
    const sent = records.reduce((s, r) => s + r.qty, 0);
    expect(planned).toBe(legQty);
    expect(sent).toBe(legQty);
    // The loser's legs were never stored, so the winner's are the ones a reader sees.
    expect(await e.ctx.plans.getLegs(planId, 'buy')).toEqual(legs);
  });

  test('a crash between the start and the queueing: the poll queues the rounds from the stored legs', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await buyPlanWithSellsDone(e);
    // What tryStartBuy stores before it queues (re-sized legs with the move to running); then the process dies.
    const resized = [leg('035720', '카카오', 41_000, [7, 7, 6])];
    expect(await e.ctx.plans.casPhase(planId, 'buy', 'waiting', 'running', resized)).toBe(true);
    const plan = await e.ctx.plans.get(planId);
    if (plan === undefined) throw new Error('no plan');
    // The next poll's phase step, with more cash by then: it must not re-size a running phase.
    await advancePhases(withCash(e.ctx, 50_000_000), plan);
    e.startWorker();
    await waitFor(() => allSent(e, planId), 15_000, 'all rounds placed');
    const records = await e.ctx.ledger.listByPlan(planId, 'buy');
    expect(records.map((r) => [r.round, r.plannedQty, r.qty])).toEqual([
      [1, 7, 7],
      [2, 7, 7],
      [3, 6, 6],
    ]);
  });
});
