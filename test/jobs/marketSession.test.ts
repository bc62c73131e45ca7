import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { runPoll } from '../../jobs/pollJob.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { pollLifecycle } from '../kit/pollLifecycle.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

/** A clock that runs at real speed from `kstWallClock` (e.g. '2026-03-03T08:59:58.500'), KST. */
function fakeClockFrom(kstWallClock: string): () => number {
  const shift = Date.parse(`${kstWallClock}+09:00`) - Date.now();
  return () => Date.now() + shift;
}

describe('trading hours (MARKET_SESSION=krx)', () => {
  test('rounds due before the open wait for it instead of being refused, and are placed once it opens', async () => {
    // The exchange and the engine share a clock 1.5 s before 09:00 KST on a trading day (a Tuesday).
    const clock = fakeClockFrom('2026-03-03T08:59:58.500');
    env = await startEngineEnv(
      { orderIntervalMs: 100, marketSession: 'krx', sessionClock: clock },
      { paper: { session: 'krx', sessionClock: clock } },
    );
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [3, 3])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 20_000, 'both rounds placed');

    const records = await e.ctx.ledger.listByPlan(planId);
    expect(records.map((r) => r.state).filter((s) => s === 'rejected')).toEqual([]);
    expect(records.map((r) => r.orderNos.length)).toEqual([1, 1]);
    // No order request reached the exchange before its session opened.
    const open = Date.parse('2026-03-03T09:00:00+09:00');
    const shift = clock() - Date.now();
    for (const at of e.orderRequestTimes()) expect(at + shift).toBeGreaterThanOrEqual(open - 50);
    expect(e.orderRequestTimes()).toHaveLength(2);
    const waiting = (await e.ctx.outbox.read('0-0', 1_000)).filter((x) => x.event.type === 'phase-waiting');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.event).toMatchObject({ side: 'sell', planId });
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });

  test('a buy phase running after the close does not burn its rounds and end "done" having bought nothing', async () => {
    const clock = fakeClockFrom('2026-03-03T15:30:05.000');
    env = await startEngineEnv(
      { marketSession: 'krx', sessionClock: clock },
      { paper: { session: 'krx', sessionClock: clock } },
    );
    const e = env;
    const planId = await savePlan(e, [], [leg('000660', 'SK하이닉스', 198_500, [1, 1])]);
    const saved = await e.ctx.plans.get(planId);
    expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
    expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'done')).toBe(true);
    expect(await e.ctx.plans.casPhase(planId, 'buy', 'pending', 'running')).toBe(true);
    await enqueuePhaseRounds(e.ctx, planId, 'buy');
    e.startWorker();
    // Both place jobs come up, find the market closed and wait (delayed) for the next open, 09:00 the next day.
    await waitFor(async () => (await e.ctx.queue.getJobCounts('delayed')).delayed === 2, 10_000, 'jobs waiting');
    const jobs = await e.ctx.queue.getJobs(['delayed']);
    const nextOpen = Date.parse('2026-03-04T09:00:00+09:00') - (clock() - Date.now());
    for (const job of jobs) expect(Math.abs(job.delay + job.timestamp - nextOpen)).toBeLessThan(60_000);

    await runPoll(pollLifecycle(e.ctx));
    expect(await e.ctx.plans.getPhase(planId, 'buy')).toBe('running');
    expect((await e.ctx.ledger.listByPlan(planId)).map((r) => r.state)).toEqual(['queued', 'queued']);
    expect(e.orderRequestTimes()).toEqual([]);
    const waiting = (await e.ctx.outbox.read('0-0', 1_000)).filter((x) => x.event.type === 'phase-waiting');
    expect(waiting.map((x) => x.event)).toEqual([
      expect.objectContaining({ side: 'buy', code: 'market-closed', opensAt: Date.parse('2026-03-04T09:00:00+09:00') }),
    ]);
  });

  test('always (the paper default) places at any hour', async () => {
    const clock = fakeClockFrom('2026-03-07T23:00:00.000'); // a Saturday night
    env = await startEngineEnv({ marketSession: 'always', sessionClock: clock });
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [2])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'placed');
    expect((await e.ctx.ledger.listByPlan(planId))[0]?.state).not.toBe('rejected');
  });
});
