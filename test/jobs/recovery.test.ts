import { describe, expect, test } from 'vitest';
import { enqueueAmend, enqueueCancel, enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { recoverLedger } from '../../jobs/recoverLedger.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { placedRecord } from '../kit/placedRecord.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';
import { waitForEvents } from '../kit/waitForEvents.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

describe('start-up recovery and requests whose answer was lost', () => {
  test('a record left `sending` by a process that died before the request left is proven absent, then placed once', async () => {
    env = await startEngineEnv({ settleMs: 200 });
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [4])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    const id = rec?.id ?? '';
    // What a crash between writing `sending` and sending leaves behind (the job is gone with the crash too).
    await e.ctx.ledger.transition(id, ['queued'], () => ({
      state: 'sending',
      qty: 4,
      price: 71_100,
      sentAt: Date.now(),
    }));
    await e.ctx.queue.obliterate({ force: true });

    const summary = await recoverLedger(e.ctx, planId);
    expect(summary).toMatchObject({ found: 0, notPlaced: 1, ambiguous: 0, requeued: 1 });
    expect(e.orderRequestTimes()).toHaveLength(0);
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'placed after recovery');
    await waitForEvents(e, 'order-placed');
    expect(e.server.exchange.orders()).toHaveLength(1);
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });

  test('a `sending` record found at start waits the settle time from the restart, however old its send stamp', async () => {
    env = await startEngineEnv({ settleMs: 400 });
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [4])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    // Stamped long ago: the dead process may have been inside a client wait (token renewal, a rate-limit pause)
    // and its request may have left just before it died, so the old stamp proves nothing.
    await e.ctx.ledger.transition(rec?.id ?? '', ['queued'], () => ({
      state: 'sending',
      qty: 4,
      price: 71_100,
      sentAt: Date.now() - 3_600_000,
    }));
    await e.ctx.queue.obliterate({ force: true });

    const started = Date.now();
    const summary = await recoverLedger(e.ctx, planId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(summary).toMatchObject({ found: 0, notPlaced: 1, requeued: 1 });
  });

  test('an amendment whose answer was lost is found at the exchange and recorded, not sent again', async () => {
    env = await startEngineEnv({ settleMs: 300 }, { orderTimeoutMs: 300 });
    const e = env;
    const rec = await placedRecord(e);
    e.server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10002', holdMs: 5_000 });
    await enqueueAmend(e.ctx, rec, rec.price + 100);
    await waitForEvents(e, 'amended');

    const after = await e.ctx.ledger.get(rec.id ?? '');
    const amends = e.server.exchange.orders().filter((o) => o.kind === 'amend');
    expect(amends).toHaveLength(1);
    expect(after?.orderNo).toBe(amends[0]?.orderNo);
    expect(after?.pending).toBeUndefined();
    expect(e.server.requestLog.filter((r) => r.apiId === 'kt10002')).toHaveLength(1);
    const types = (await e.ctx.outbox.read()).map((x) => x.event.type);
    expect(types).toEqual(['order-placed', 'order-unknown', 'amended']);
  });

  test('a cancel whose answer was lost is confirmed from the open orders and closes the record', async () => {
    env = await startEngineEnv({ settleMs: 300 }, { orderTimeoutMs: 300 });
    const e = env;
    const rec = await placedRecord(e);
    e.server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10003', holdMs: 5_000 });
    await enqueueCancel(e.ctx, rec, { code: 'amend-policy', attempts: 2 });
    await waitFor(async () => (await e.ctx.ledger.get(rec.id ?? ''))?.state === 'cancelled', 10_000, 'cancelled');
    expect(e.server.requestLog.filter((r) => r.apiId === 'kt10003')).toHaveLength(1);
    expect((await e.ctx.ledger.get(rec.id ?? ''))?.pending).toBeUndefined();
  });
});

describe('start-up recovery of several records (issue 7, item 10)', () => {
  test('records whose outcome is unknown are settled concurrently, not one settle time after another', async () => {
    env = await startEngineEnv({ settleMs: 600 });
    const e = env;
    const planId = await savePlan(e, [
      leg('005930', '삼성전자', 71_200, [4]),
      leg('000660', 'SK하이닉스', 198_500, [2]),
      leg('035720', '카카오', 41_000, [5]),
    ]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    // A crash left every round `sending` before its request left (and took the jobs with it).
    for (const rec of await e.ctx.ledger.listByPlan(planId)) {
      await e.ctx.ledger.transition(rec.id ?? '', ['queued'], () => ({
        state: 'sending',
        qty: rec.plannedQty,
        price: 1_000,
        sentAt: Date.now(),
      }));
    }
    await e.ctx.queue.obliterate({ force: true });
    // Count the open-order list reads in flight at once; each answer takes a while, so reads that run
    // concurrently overlap, and reads one record after another never do.
    e.server.faults.setLatency(150);
    const real = e.ctx.broker;
    let inFlight = 0;
    let most = 0;
    const broker = Object.create(real) as typeof real;
    broker.getOpenOrders = async () => {
      most = Math.max(most, ++inFlight);
      try {
        return await real.getOpenOrders();
      } finally {
        inFlight--;
      }
    };

    const summary = await recoverLedger({ ...e.ctx, broker }, planId);
    expect(summary).toMatchObject({ found: 0, notPlaced: 3, ambiguous: 0, requeued: 3 });
    expect(most).toBe(3);
    expect(e.orderRequestTimes()).toHaveLength(0);
  });
});
