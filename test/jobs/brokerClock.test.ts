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

const events = async (e: EngineEnv) => (await e.ctx.outbox.read('0-0', 10_000)).map((x) => x.event);

/** Saves a sell plan, approves it and puts its sell phase `running`, as startPhase does. */
async function runningSellPlan(e: EngineEnv, rounds: number[]): Promise<string> {
  const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, rounds)]);
  const saved = await e.ctx.plans.get(planId);
  expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
  expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'running')).toBe(true);
  return planId;
}

describe("the broker's clock", () => {
  test('orders are held while the broker clock is measured further off than the bound, and sent once it is back', async () => {
    env = await startEngineEnv({ maxClockOffsetMs: 5_000 });
    const e = env;
    e.server.faults.setClockOffset(60_000);
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [3])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(
      async () => (await events(e)).some((ev) => ev.type === 'error' && ev.code === 'broker-clock-off'),
      10_000,
      'the held-order notice',
    );
    expect(e.orderRequestTimes()).toEqual([]);
    expect((await e.ctx.ledger.listByPlan(planId))[0]?.state).toBe('queued');

    e.server.faults.setClockOffset(0);
    await waitFor(() => allSent(e, planId), 15_000, 'placed once the clocks agree');
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    expect(rec?.state).not.toBe('rejected');
    expect(rec?.note).toBeUndefined();
    expect(e.orderRequestTimes()).toHaveLength(1);
    // One notice for the spell, not one per retry.
    expect((await events(e)).filter((ev) => ev.type === 'error')).toHaveLength(1);
  });

  test('a lost answer on a broker clock 3 s behind ours: the order is found, not sent again', async () => {
    env = await startEngineEnv({ settleMs: 600 }, { orderTimeoutMs: 300 });
    const e = env;
    e.server.faults.setClockOffset(-3_000);
    e.server.faults.holdFills(true);
    e.server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10001', holdMs: 2_000 });
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [4])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 15_000, 'reconciled');
    expect(e.server.exchange.orders()).toHaveLength(1);
    expect(await ledgerVersusExchange(e)).toEqual([]);
    const reconciled = (await events(e)).find((ev) => ev.type === 'order-reconciled');
    expect(reconciled).toMatchObject({ found: true });
  });
});

describe('broker orders for plan codes that no record owns', () => {
  test('the poll raises an error and halts when the broker lists one', async () => {
    env = await startEngineEnv();
    const e = env;
    e.server.faults.holdFills(true);
    const planId = await runningSellPlan(e, [3, 3]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'both rounds placed');
    // Nothing unowned yet: the poll leaves the plan running.
    await runPoll(pollLifecycle(e.ctx));
    expect(await e.ctx.halt.isSet()).toBe(false);

    // An order for the plan's code and side that no record owns (a duplicate, a lost ledger write, a hand order).
    const stray = e.server.exchange.placeOrder({ side: 'sell', code: '005930', qty: 3, type: 'limit', price: 71_100 });
    await runPoll(pollLifecycle(e.ctx));
    expect(await e.ctx.halt.isSet()).toBe(true);
    expect((await e.ctx.plans.get(planId))?.status).toBe('halted');
    const errors = (await events(e)).filter((ev) => ev.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ planId });
    expect(errors[0]).toMatchObject({
      code: 'unowned-orders',
      orders: [expect.objectContaining({ orderNo: stray.orderNo })],
    });
    // Halted once: another poll adds nothing.
    await runPoll(pollLifecycle(e.ctx));
    expect((await events(e)).filter((ev) => ev.type === 'error' || ev.type === 'halted')).toHaveLength(2);
  });

  test('an order whose answer was lost is not unowned while its record can still adopt it', async () => {
    env = await startEngineEnv({ settleMs: 1_500 }, { orderTimeoutMs: 300 });
    const e = env;
    e.server.faults.holdFills(true);
    e.server.faults.setClockOffset(-3_000);
    e.server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10001', holdMs: 2_000 });
    const planId = await runningSellPlan(e, [4]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(
      async () => (await e.ctx.ledger.listByPlan(planId))[0]?.state === 'unknown',
      10_000,
      'the record unknown',
    );
    expect(e.server.exchange.orders()).toHaveLength(1);
    // The order exists and nobody owns it yet, but the unknown record can adopt it: no halt.
    await runPoll(pollLifecycle(e.ctx));
    expect(await e.ctx.halt.isSet()).toBe(false);
    await waitFor(() => allSent(e, planId), 15_000, 'reconciled');
    await runPoll(pollLifecycle(e.ctx));
    expect(await e.ctx.halt.isSet()).toBe(false);
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });

  test('orders of codes or sides the plan does not trade, and phases not started, are left alone', async () => {
    env = await startEngineEnv();
    const e = env;
    e.server.faults.holdFills(true);
    const planId = await savePlan(
      e,
      [leg('005930', '삼성전자', 71_200, [3])],
      [leg('000660', 'SK하이닉스', 198_500, [1])],
    );
    const saved = await e.ctx.plans.get(planId);
    expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
    // The buy phase has not started: a hand buy of its code is not the engine's business yet.
    e.server.exchange.placeOrder({ side: 'buy', code: '000660', qty: 1, type: 'limit', price: 190_000 });
    expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'running')).toBe(true);
    e.server.exchange.placeOrder({ side: 'buy', code: '005930', qty: 1, type: 'limit', price: 70_000 });
    await runPoll(pollLifecycle(e.ctx));
    expect(await e.ctx.halt.isSet()).toBe(false);
  });
});
