import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { PlanStateError } from '../../src/store/errors/PlanStateError.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

/**
 * The plan's legs are the one copy the rounds are measured against (the last round sends the leg's total minus what
 * the other rounds placed). A buy phase stores its re-sized legs in the same step as its start; after that nothing
 * may change them, or the last round would send against a total its earlier rounds were not queued from.
 */
describe('the legs of a running phase', () => {
  test('a re-size after the buy phase started changes nothing the rounds send', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await savePlan(e, [], [leg('000660', 'SK하이닉스', 198_500, [2, 3])]);
    const saved = await e.ctx.plans.get(planId);
    expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
    expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'done')).toBe(true);
    expect(await e.ctx.plans.casPhase(planId, 'buy', 'pending', 'waiting')).toBe(true);
    // The start, as tryStartBuy makes it: the legs re-sized to the cash of that moment, stored with the move.
    const resized = [leg('000660', 'SK하이닉스', 198_500, [2, 2])];
    expect(await e.ctx.plans.casPhase(planId, 'buy', 'waiting', 'running', resized)).toBe(true);
    await enqueuePhaseRounds(e.ctx, planId, 'buy');

    // A racing start that lost, then a late re-size (both from less cash), then a retried queueing.
    const late = [leg('000660', 'SK하이닉스', 198_500, [1, 0])];
    expect(await e.ctx.plans.casPhase(planId, 'buy', 'waiting', 'running', late)).toBe(false);
    const refused = await e.ctx.plans.replaceLegs(planId, 'buy', late).catch((err: unknown) => err);
    expect((await enqueuePhaseRounds(e.ctx, planId, 'buy')).created).toBe(0);

    e.startWorker();
    await waitFor(() => allSent(e, planId), 15_000, 'both rounds placed');
    const records = await e.ctx.ledger.listByPlan(planId, 'buy');
    expect(records.map((r) => [r.round, r.plannedQty, r.qty])).toEqual([
      [1, 2, 2],
      [2, 2, 2],
    ]);
    expect(await ledgerVersusExchange(e)).toEqual([]);
    expect(await e.ctx.plans.getLegs(planId, 'buy')).toEqual(resized);
    expect(refused).toBeInstanceOf(PlanStateError);
  });
});
