import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { leg } from '../kit/leg.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

/**
 * Review of issue 11 (a leg stored once). Before 837e1cd the rounds were measured against the ledger's legs hash
 * (`plan:{id}:legs:{side}`, first write wins), and the plan store's `legs:buy` could differ from it: the old
 * tryStartBuy wrote replaceLegs (phase checked, then HSET, not atomic) BEFORE its casPhase, so a start that lost the
 * race could still overwrite the plan store's legs after the winner had moved the phase to running and queued its
 * rounds (the winner's legs went to the ledger hash, which the old sendQty read). A plan in that state when this
 * version is deployed now has its last round sized against the loser's legs: nothing migrates or reads the old hash.
 */
describe('a buy phase running when this version is deployed (state left by the old version)', () => {
  test('the last round is sized against the legs its rounds were queued from (the old ledger copy)', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await savePlan(e, [], [leg('000660', 'SK하이닉스', 198_500, [2, 3])]);
    const saved = await e.ctx.plans.get(planId);
    expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
    expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'done')).toBe(true);
    expect(await e.ctx.plans.casPhase(planId, 'buy', 'pending', 'waiting')).toBe(true);

    // The old winner: re-sized to [2, 2] (4 shares), phase moved to running, rounds queued from those legs, and the
    // old enqueuePhaseRounds' first-write-wins copy in the ledger's legs hash.
    const winner = [leg('000660', 'SK하이닉스', 198_500, [2, 2])];
    expect(await e.ctx.plans.casPhase(planId, 'buy', 'waiting', 'running', winner)).toBe(true);
    await enqueuePhaseRounds(e.ctx, planId, 'buy');
    const oldLedgerLegsKey = e.ctx.plans.keys.planRecords(planId).replace(/:records$/, ':legs:buy');
    const [w] = winner;
    await e.ctx.redis.hset(
      oldLedgerLegsKey,
      '000660',
      JSON.stringify({ code: w?.code, name: w?.name, qty: w?.qty, rounds: w?.rounds, price: w?.price }),
    );
    // The old loser's replaceLegs: it read the phase as `waiting` before the winner's CAS, and wrote its legs (from
    // more cash a moment later: [2, 3], 5 shares) after it. Its own casPhase then failed; the write stayed.
    const loser = [leg('000660', 'SK하이닉스', 198_500, [2, 3])];
    await e.ctx.redis.hset(e.ctx.plans.keys.plan(planId), 'legs:buy', JSON.stringify(loser));

    // The new version takes over the running plan.
    e.startWorker();
    await waitFor(() => allSent(e, planId), 15_000, 'both rounds placed');
    const records = await e.ctx.ledger.listByPlan(planId, 'buy');
    const sent = records.reduce((s, r) => s + r.qty, 0);
    // The old version (sendQty read the ledger copy) sent 2 + 2; the records were queued from a 4-share leg.
    expect(records.map((r) => [r.round, r.plannedQty, r.qty])).toEqual([
      [1, 2, 2],
      [2, 2, 2],
    ]);
    expect(sent).toBe(4);
  });
});
