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

describe('waits before an order request leaves (issue 7, item 4)', () => {
  // The broker answers the first sell "too many requests, retry after 3 s". The client's limiter honours that for
  // the whole order group. Waiting those 3 s inside the send, with the record `sending`, outlasts the settle time
  // (300 ms here): the poll finds no order, takes the record back to `queued`, and then the request leaves anyway,
  // so the round is sent twice. The order must be given back to the queue instead, and leave once.
  test('a Retry-After longer than the settle time: the order goes back to the queue and is placed once', {
    timeout: 60_000,
  }, async () => {
    env = await startEngineEnv({ settleMs: 300 });
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [5])]);
    const saved = await e.ctx.plans.get(planId);
    expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
    expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'running')).toBe(true);
    e.server.faults.holdFills(true);
    e.server.faults.inject({ kind: 'rateLimit', apiId: 'kt10001', retryAfterS: 3 });
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();

    // The poll runs all along, as in the engine.
    let polling = true;
    const lc = pollLifecycle(e.ctx);
    const poller = (async () => {
      while (polling) {
        await runPoll(lc).catch(() => {});
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    try {
      await waitFor(() => allSent(e, planId), 20_000, 'the round placed');
      // Well past the Retry-After and many settle times: a request still held in the client would have left by now.
      const placedAt = Math.max(...e.orderRequestTimes());
      await waitFor(() => Date.now() - placedAt > 4_000, 10_000, 'time to pass');
    } finally {
      polling = false;
      await poller;
    }
    const sells = e.server.requestLog.filter((r) => r.apiId === 'kt10001');
    expect(sells).toHaveLength(2); // the refused one and the one that was placed
    expect(e.server.exchange.orders()).toHaveLength(1);
    expect(await ledgerVersusExchange(e)).toEqual([]);
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    expect(rec?.state).toBe('open');
    const errors = (await e.ctx.outbox.read('0-0', 1_000)).filter((x) => x.event.type === 'error');
    expect(errors).toEqual([]);
  });
});
