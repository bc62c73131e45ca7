import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { recoverLedger } from '../../jobs/recoverLedger.ts';
import { orderJobId } from '../../src/store/keys.ts';
import type { PlanStatus } from '../../src/store/PlanStore.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { leg } from '../kit/leg.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

/** A plan whose sell rounds are queued, then ended (`status`) before they were sent. */
async function endedPlanWithQueuedRounds(e: EngineEnv, status: PlanStatus): Promise<string> {
  const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [2, 2])]);
  await enqueuePhaseRounds(e.ctx, planId, 'sell');
  await e.ctx.plans.setStatus(planId, status);
  return planId;
}

describe('rounds of a plan that is no longer active (issue 7, item 9)', () => {
  test.each(['cancelled', 'done'] as const)(
    'start-up recovery gives no place job to the queued rounds of a %s plan',
    async (status) => {
      env = await startEngineEnv();
      const e = env;
      const planId = await endedPlanWithQueuedRounds(e, status);
      // The process died: its jobs are gone; the ledger still holds the queued rounds.
      await e.ctx.queue.obliterate({ force: true });

      const summary = await recoverLedger(e.ctx);
      expect(summary.requeued).toBe(0);
      for (const rec of await e.ctx.ledger.listByPlan(planId)) {
        expect(await e.ctx.queue.getJob(orderJobId('place', rec.id ?? ''))).toBeUndefined();
      }
    },
  );

  test.each(['cancelled', 'done'] as const)(
    'a place job of a %s plan sends nothing and closes its record as skipped, saying why',
    async (status) => {
      env = await startEngineEnv();
      const e = env;
      const planId = await endedPlanWithQueuedRounds(e, status);
      e.startWorker();
      await waitFor(
        async () => (await e.ctx.ledger.listByPlan(planId)).every((r) => r.state !== 'queued'),
        10_000,
        'every round settled',
      );
      const records = await e.ctx.ledger.listByPlan(planId);
      expect(records.map((r) => r.state)).toEqual(['skipped', 'skipped']);
      for (const r of records) expect(r.note).toEqual({ code: 'plan-ended', planId, status });
      expect(e.orderRequestTimes()).toEqual([]);
      expect(e.server.exchange.orders()).toEqual([]);
      expect(await e.ctx.ledger.listLive()).toEqual([]);
    },
  );

  test('a place job of a halted plan sends nothing and leaves its round queued for the resume', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await endedPlanWithQueuedRounds(e, 'halted');
    const [first] = await e.ctx.ledger.listByPlan(planId);
    e.startWorker();
    await waitFor(
      async () => (await (await e.ctx.queue.getJob(orderJobId('place', first?.id ?? '')))?.getState()) === 'completed',
      10_000,
      'the job done',
    );
    expect((await e.ctx.queue.getJob(orderJobId('place', first?.id ?? '')))?.returnvalue).toEqual({
      outcome: 'halted',
    });
    expect((await e.ctx.ledger.listByPlan(planId)).map((r) => r.state)).toEqual(['queued', 'queued']);
    expect(e.orderRequestTimes()).toEqual([]);
  });
});
