import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { processOrderJob } from '../../jobs/processOrderJob.ts';
import { legPlacedQty } from '../../src/domain/remainingLegQty.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { gaps } from '../kit/gaps.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';
import { waitForEvents } from '../kit/waitForEvents.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

const INTERVAL = 150;

describe('order queue against the paper exchange', () => {
  test('places every round in order, never two order requests closer than the interval, and the ledger matches the exchange', async () => {
    env = await startEngineEnv({ orderIntervalMs: INTERVAL });
    env.server.faults.setLatency(20);
    const e = env;
    const planId = await savePlan(e, [
      leg('005930', '삼성전자', 71_200, [5, 5, 5]),
      leg('000660', 'SK하이닉스', 198_500, [2, 2, 2]),
      leg('035720', '카카오', 41_000, [10, 10, 10]),
    ]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 20_000, 'every round sent');
    await waitForEvents(e, 'order-placed', 9);

    const times = e.orderRequestTimes();
    expect(times).toHaveLength(9);
    expect(Math.min(...gaps(times))).toBeGreaterThanOrEqual(INTERVAL);
    expect(await ledgerVersusExchange(e)).toEqual([]);
    const sentOrder = e.server.exchange.orders().map((o) => `${o.code}x${o.qty}`);
    expect(sentOrder).toEqual([
      '005930x5',
      '000660x2',
      '035720x10',
      '005930x5',
      '000660x2',
      '035720x10',
      '005930x5',
      '000660x2',
      '035720x10',
    ]);
    const events = (await e.ctx.outbox.read()).filter((x) => x.event.type === 'order-placed');
    expect(events).toHaveLength(9);
  });

  test('sells at the best bid and buys at the best ask, on the tick grid', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await savePlan(
      e,
      [leg('005930', '삼성전자', 71_200, [3])],
      [leg('000660', 'SK하이닉스', 198_500, [1])],
    );
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    await enqueuePhaseRounds(e.ctx, planId, 'buy');
    const bid = e.server.exchange.quote('005930')?.bestBid;
    const ask = e.server.exchange.quote('000660')?.bestAsk;
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'both sent');
    const [sell, buy] = e.server.exchange.orders();
    expect(sell?.price).toBe(bid);
    expect(buy?.price).toBe(ask);
  });

  test('starting a phase twice adds no second order: records and job ids are derived from the plan', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [4, 4])]);
    const first = await enqueuePhaseRounds(e.ctx, planId, 'sell');
    const second = await enqueuePhaseRounds(e.ctx, planId, 'sell');
    expect(first).toEqual({ records: 2, created: 2, jobs: 2 });
    expect(second.created).toBe(0);
    // Place jobs wait in BullMQ's prioritized set (priority = round; see placeJobPriority).
    expect(await e.ctx.queue.getJobCountByTypes('waiting', 'prioritized')).toBe(2);
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'both rounds sent');
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    await new Promise((r) => setTimeout(r, 3 * INTERVAL));
    expect(e.server.exchange.orders()).toHaveLength(2);
  });

  test('a job run twice at the same moment places once', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [7])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    const [job] = await e.ctx.queue.getJobs(['waiting', 'prioritized']);
    if (job === undefined) throw new Error('no job');
    const results = await Promise.all([processOrderJob(e.ctx, job, undefined), processOrderJob(e.ctx, job, undefined)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['noop', 'placed']);
    expect(e.server.exchange.orders()).toHaveLength(1);
    // and once more after it is done
    expect((await processOrderJob(e.ctx, job, undefined)).outcome).toBe('noop');
    expect(e.server.exchange.orders()).toHaveLength(1);
  });

  test('a failed round is made good by the last round, and no leg places more than its total', async () => {
    env = await startEngineEnv();
    const e = env;
    // Another order holds 290 of the 300 shares of 035720, so round 1 (100 shares) is refused as beyond the sellable
    // shares. That order is cancelled as soon as the refusal is seen.
    const blocker = e.server.exchange.placeOrder({
      side: 'sell',
      code: '035720',
      qty: 290,
      type: 'limit',
      price: 53_000,
    });
    const planId = await savePlan(e, [
      leg('035720', '카카오', 41_000, [100, 100, 100]),
      leg('005930', '삼성전자', 71_200, [1, 1, 1]),
    ]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    const w = e.startWorker();
    w.on('completed', (_job, result) => {
      if (result.outcome === 'rejected' && e.server.exchange.order(blocker.orderNo)?.openQty) {
        e.server.exchange.cancelOrder({ origOrderNo: blocker.orderNo, code: '035720', qty: 0 });
      }
    });
    await waitFor(() => allSent(e, planId), 15_000, 'every round sent');

    const legRecords = await e.ctx.ledger.listLeg(planId, 'sell', '035720');
    expect(legRecords.map((r) => r.state)).toEqual(['rejected', 'open', 'open']);
    expect(legRecords.map((r) => r.qty)).toEqual([100, 100, 200]);
    expect(legPlacedQty(legRecords)).toBe(300);
    const events = (await e.ctx.outbox.read()).map((x) => x.event.type);
    expect(events).toContain('order-rejected');
    expect(await ledgerVersusExchange(e).then((p) => p.filter((x) => !x.includes(blocker.orderNo)))).toEqual([]);
  });

  test('a leg whose shares are all placed places nothing more', async () => {
    env = await startEngineEnv();
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [2, 0, 1])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    // Round 3 (the last) is told by hand that the earlier rounds took everything.
    await e.ctx.ledger.update(`${planId}-sell-005930-r1`, (c) => ({ ...c, plannedQty: 3 }));
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'every round settled');
    const recs = await e.ctx.ledger.listLeg(planId, 'sell', '005930');
    expect(recs.map((r) => [r.state, r.qty])).toEqual([
      ['open', 3],
      ['skipped', 0],
      ['skipped', 0],
    ]);
    expect(e.server.exchange.orders()).toHaveLength(1);
  });

  test('an order over MAX_ORDER_VALUE is rejected in the ledger, never sent', async () => {
    env = await startEngineEnv({ maxOrderValue: 500_000 });
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [10])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'settled');
    await waitForEvents(e, 'error');
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    expect(rec?.state).toBe('rejected');
    expect(rec?.note).toMatchObject({ code: 'over-cap', maxOrderValue: 500_000 });
    expect(e.server.exchange.orders()).toHaveLength(0);
    expect((await e.ctx.outbox.read()).map((x) => x.event.type)).toEqual(['order-rejected', 'error']);
  });
});
