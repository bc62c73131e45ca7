import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { orderJobId } from '../../src/store/keys.ts';
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

describe('order queue under broker faults', () => {
  test('a rate-limit answer re-queues the job without using an attempt, and the order is placed once', async () => {
    env = await startEngineEnv({ orderIntervalMs: 100, attempts: 1 });
    const e = env;
    e.server.faults.inject({ kind: 'rateLimit', apiId: 'kt10001', times: 2 });
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [6])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'the order placed');

    const [rec] = await e.ctx.ledger.listByPlan(planId);
    expect(rec?.state).toBe('open');
    expect(e.server.exchange.orders()).toHaveLength(1);
    const requests = e.orderRequestTimes();
    expect(requests).toHaveLength(3);
    expect(Math.min(...gaps(requests))).toBeGreaterThanOrEqual(100);
    const job = await e.ctx.queue.getJob(orderJobId('place', rec?.id ?? ''));
    // With attempts: 1 a used-up attempt would have failed the job; it completed, having started three times.
    expect(await job?.getState()).toBe('completed');
    expect(job?.attemptsStarted).toBe(3);
    expect(job?.attemptsMade).toBe(1);
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });

  test('an order whose answer was lost is reconciled to the order the exchange holds, never sent again', async () => {
    env = await startEngineEnv({ settleMs: 300 }, { orderTimeoutMs: 300 });
    const e = env;
    e.server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10001', holdMs: 5_000 });
    e.server.faults.holdFills(true);
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [8])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'reconciled');
    await waitForEvents(e, 'order-reconciled');

    const [rec] = await e.ctx.ledger.listByPlan(planId);
    const [order] = e.server.exchange.orders();
    expect(e.server.exchange.orders()).toHaveLength(1);
    expect(e.orderRequestTimes()).toHaveLength(1);
    expect(rec?.state).toBe('open');
    expect(rec?.orderNo).toBe(order?.orderNo);
    const types = (await e.ctx.outbox.read()).map((x) => x.event);
    expect(types.map((t) => t.type)).toEqual(['order-unknown', 'order-reconciled']);
    expect(types[1]).toMatchObject({ found: true, orderNo: order?.orderNo });
  });

  test('an order whose connection broke before it was processed is proven absent and then placed once', async () => {
    env = await startEngineEnv({ settleMs: 200 });
    const e = env;
    e.server.faults.inject({ kind: 'connectionReset', apiId: 'kt10001' });
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [8])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'placed after reconciliation');
    await waitForEvents(e, 'order-placed');

    expect(e.server.exchange.orders()).toHaveLength(1);
    expect(e.orderRequestTimes()).toHaveLength(2);
    const events = (await e.ctx.outbox.read()).map((x) => x.event);
    expect(events.map((t) => t.type)).toEqual(['order-unknown', 'order-reconciled', 'order-placed']);
    expect(events[1]).toMatchObject({ found: false });
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });

  test('two orders that both fit a lost request are not guessed between: the record stays unknown', async () => {
    env = await startEngineEnv({ settleMs: 200 }, { orderTimeoutMs: 300 });
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [8])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10001', holdMs: 5_000 });
    e.server.faults.holdFills(true);
    // Someone else (the user, by hand) places an identical order just before ours: same code, side, qty, price.
    const bid = e.server.exchange.quote('005930')?.bestBid ?? 0;
    e.server.exchange.placeOrder({ side: 'sell', code: '005930', qty: 8, type: 'limit', price: bid });
    const w = e.startWorker();
    await new Promise((resolve) => w.on('failed', resolve));
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    expect(rec?.state).toBe('unknown');
    expect(e.server.exchange.orders()).toHaveLength(2);
    expect(e.orderRequestTimes()).toHaveLength(1);
    const events = (await e.ctx.outbox.read()).map((x) => x.event);
    expect(events.some((x) => x.type === 'error' && x.code === 'ambiguous-match')).toBe(true);
  });
});
