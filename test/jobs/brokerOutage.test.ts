import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { runPoll } from '../../jobs/pollJob.ts';
import type { Broker } from '../../src/broker/Broker.ts';
import { orderJobId } from '../../src/store/keys.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { pollLifecycle } from '../kit/pollLifecycle.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';
import { waitForEvents } from '../kit/waitForEvents.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

/** Saves a plan, approves it (the account's active plan) and moves its sell phase to running. */
async function runningSellPlan(e: EngineEnv, rounds: number[]): Promise<string> {
  const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, rounds)]);
  const saved = await e.ctx.plans.get(planId);
  expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
  expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'running')).toBe(true);
  return planId;
}

describe('broker outage before the send (issue 7, item 2)', () => {
  // The kit's place jobs have 5 attempts with a 20 ms backoff: on the old code the outage outlasts them all, the
  // job fails for good and the round stays `queued` with no job.
  test('a quote outage longer than the job retry budget delays the round; it is placed once when the broker is back', {
    timeout: 60_000,
  }, async () => {
    env = await startEngineEnv({ brokerRetryMaxMs: 300, stallNoticeMs: 1_000 });
    const e = env;
    e.server.faults.outage({ apiId: 'ka10001', forMs: 3_000 });
    const planId = await runningSellPlan(e, [3, 3]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 30_000, 'both rounds placed after the outage');

    expect(e.server.exchange.orders()).toHaveLength(2);
    expect(e.orderRequestTimes()).toHaveLength(2);
    expect(await ledgerVersusExchange(e)).toEqual([]);
    // The rounds kept their order: round 1 did not lose its turn to the last round (which sends what remains).
    expect((await e.ctx.ledger.listByPlan(planId)).map((r) => [r.round, r.qty])).toEqual([
      [1, 3],
      [2, 3],
    ]);
    // The quote endpoint really was down for a while: many refused quote requests, before the first order.
    const firstOrder = Math.min(...e.orderRequestTimes());
    expect(e.server.requestLog.filter((r) => r.apiId === 'ka10001' && r.at < firstOrder).length).toBeGreaterThan(5);
    for (const rec of await e.ctx.ledger.listByPlan(planId)) {
      const job = await e.ctx.queue.getJob(orderJobId('place', rec.id ?? ''));
      expect([rec.id, await job?.getState()]).toEqual([rec.id, 'completed']);
    }
    // Told once that the phase waits on the broker, and once that it answers again; no job failed for good.
    await waitForEvents(e, 'recovered');
    const events = (await e.ctx.outbox.read('0-0', 1_000)).map((x) => x.event);
    const stalled = events.filter((x) => x.type === 'stalled');
    expect(stalled).toHaveLength(1);
    expect(stalled[0]).toMatchObject({ planId, code: 'broker-unavailable' });
    expect(events.filter((x) => x.type === 'recovered')).toEqual([
      expect.objectContaining({ planId, code: 'broker-unavailable' }),
    ]);
    expect(events.filter((x) => x.type === 'error')).toEqual([]);
  });

  test('the poll gives a queued round of a running phase its place job back when the job failed for good', async () => {
    // One quote query throws something the engine does not know (not broker trouble): with attempts: 1 that job
    // fails for good, leaving the round `queued` with a failed job of its deterministic id.
    let failOnce = true;
    env = await startEngineEnv({ attempts: 1 });
    const e = env;
    const real = e.ctx.broker;
    const broker: Broker = Object.create(real) as Broker;
    broker.getQuote = async (code) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('unexpected answer');
      }
      return real.getQuote(code);
    };
    const ctx = { ...e.ctx, broker };
    const planId = await runningSellPlan(e, [4]);
    await enqueuePhaseRounds(ctx, planId, 'sell');
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    const jobId = orderJobId('place', rec?.id ?? '');
    const { createOrderWorker } = await import('../../jobs/orderQueue.ts');
    const worker = createOrderWorker(ctx);
    e.workers.push(worker);
    await waitFor(async () => (await (await e.ctx.queue.getJob(jobId))?.getState()) === 'failed', 10_000, 'failed');
    expect((await e.ctx.ledger.get(rec?.id ?? ''))?.state).toBe('queued');

    const report = await runPoll(pollLifecycle(ctx));
    expect(report.restored).toBe(1);
    await waitFor(() => allSent(e, planId), 10_000, 'the round placed by its restored job');
    expect(e.server.exchange.orders()).toHaveLength(1);
    expect(await ledgerVersusExchange(e)).toEqual([]);
    // Idempotent: a second poll adds nothing (the job is there, the record is no longer queued).
    expect((await runPoll(pollLifecycle(ctx))).restored).toBe(0);
  });

  test('the poll restores nothing while the kill switch is thrown or the phase is not running', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [4])]);
    const saved = await e.ctx.plans.get(planId);
    expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    await (await e.ctx.queue.getJob(orderJobId('place', rec?.id ?? '')))?.remove();
    // Sell phase still pending: nothing to restore.
    expect((await runPoll(pollLifecycle(e.ctx))).restored).toBe(0);
    await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'running');
    await e.ctx.halt.set({ at: Date.now(), reason: 'test' });
    expect((await runPoll(pollLifecycle(e.ctx))).restored).toBe(0);
    await e.ctx.halt.clear();
    expect((await runPoll(pollLifecycle(e.ctx))).restored).toBe(1);
    expect(await (await e.ctx.queue.getJob(orderJobId('place', rec?.id ?? '')))?.getState()).not.toBe('failed');
  });
});
