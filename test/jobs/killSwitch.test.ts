import { describe, expect, test } from 'vitest';
import { haltOrders, resumeOrders } from '../../jobs/killSwitch.ts';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { legPlacedQty } from '../../src/domain/remainingLegQty.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

const INTERVAL = 120;

describe('kill switch', () => {
  test('stops placing at once, removes queued jobs, keeps the ledger and cancels open orders; resume continues', async () => {
    env = await startEngineEnv({ orderIntervalMs: INTERVAL });
    const e = env;
    e.server.faults.holdFills(true);
    const legs = [
      leg('005930', '삼성전자', 71_200, [5, 5, 5]),
      leg('000660', 'SK하이닉스', 198_500, [2, 2, 2]),
      leg('035720', '카카오', 41_000, [10, 10, 10]),
    ];
    const planId = await savePlan(e, legs);
    const saved = await e.ctx.plans.get(planId);
    expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => e.server.exchange.orders().length >= 3, 10_000, 'three orders');

    const halt = await haltOrders(e.ctx, { cancelOpen: true, by: { via: 'chat', chatId: 1 } });
    expect(halt.removedJobs).toBeGreaterThanOrEqual(4);
    expect(halt.planId).toBe(planId);
    expect((await e.ctx.plans.get(planId))?.status).toBe('halted');
    await waitFor(() => e.server.exchange.openOrders().length === 0, 10_000, 'open orders cancelled');
    const placedAtHalt = e.server.exchange.orders().length;
    await new Promise((r) => setTimeout(r, 4 * INTERVAL));
    expect(e.server.exchange.orders()).toHaveLength(placedAtHalt);
    expect(await e.ctx.queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(0);
    const halted = await e.ctx.ledger.listByPlan(planId);
    expect(halted).toHaveLength(9);
    expect(halted.filter((r) => r.state === 'queued').length).toBe(9 - placedAtHalt);
    expect(halted.filter((r) => r.state === 'cancelled').length).toBe(placedAtHalt);
    for (const r of halted.filter((x) => x.state === 'cancelled')) {
      expect(r.cancelCause).toEqual({ code: 'kill-switch', by: { via: 'chat', chatId: 1 } });
    }

    const resumed = await resumeOrders(e.ctx);
    expect(resumed.requeued).toBe(9 - placedAtHalt);
    expect((await e.ctx.plans.get(planId))?.status).toBe('active');
    await waitFor(() => allSent(e, planId), 15_000, 'the rest placed after resume');
    const records = await e.ctx.ledger.listByPlan(planId);
    // The cancelled rounds filled nothing; the last rounds make them good.
    for (const l of legs) expect(legPlacedQty(records.filter((r) => r.code === l.code))).toBe(l.qty);
    expect(await ledgerVersusExchange(e)).toEqual([]);
    const types = (await e.ctx.outbox.read()).map((x) => x.event.type);
    expect(types).toContain('halted');
    expect(types).toContain('resumed');
    expect(types.filter((t) => t === 'cancelled')).toHaveLength(placedAtHalt);
  });

  test('while halted, a place job that comes up does not send', async () => {
    env = await startEngineEnv();
    const e = env;
    await haltOrders(e.ctx);
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [3])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    const w = e.startWorker();
    const done = new Promise((resolve) => w.on('completed', (_j, r) => resolve(r)));
    expect(await done).toEqual({ outcome: 'halted' });
    expect(e.orderRequestTimes()).toHaveLength(0);
    expect((await e.ctx.ledger.listByPlan(planId))[0]?.state).toBe('queued');
    await resumeOrders(e.ctx);
    await waitFor(() => allSent(e, planId), 10_000, 'placed after resume');
    expect(e.server.exchange.orders()).toHaveLength(1);
  });
});
