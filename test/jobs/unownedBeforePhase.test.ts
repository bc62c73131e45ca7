import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { runPoll } from '../../jobs/pollJob.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { leg } from '../kit/leg.ts';
import { pollLifecycle } from '../kit/pollLifecycle.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

/**
 * The unowned-order guard (issue 7, item 3) halts on a broker order for a plan code that no record owns: a round
 * sent twice. An order listed before the phase started cannot be one of its rounds; a person who traded the code by
 * hand in the morning, before any plan was active (what ARCHITECTURE.md tells them to do), must not have the plan
 * halted for it. And since a filled order stays in the day's executed list, every resume was halted again at the
 * next poll: the plan could not run that day at all.
 */

let env: EngineEnv | undefined;
closeAfterEach(() => env);

const CODE = '005930';
const events = async (e: EngineEnv) => (await e.ctx.outbox.read('0-0', 10_000)).map((x) => x.event);

describe('an order of the plan code placed by hand before the phase started', () => {
  test('does not halt the plan; one placed by hand after the start still does', async () => {
    // A narrow lost-order window (CLOCK_SKEW_MS), so the test need not wait the 30 s default before the start.
    env = await startEngineEnv({ clockSkewMs: 1_000 });
    const e = env;
    // A hand sell in the morning, filled: it stays in the day's executed list.
    e.server.exchange.placeOrder({ side: 'sell', code: CODE, qty: 1, type: 'market' });
    expect(e.server.exchange.orders()[0]?.filledQty).toBe(1);
    await new Promise((r) => setTimeout(r, 2_500));

    const planId = await savePlan(e, [leg(CODE, '삼성전자', 71_200, [2, 2])]);
    const saved = await e.ctx.plans.get(planId);
    expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
    expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'running')).toBe(true);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    const lc = pollLifecycle(e.ctx);
    await waitFor(
      async () => {
        await runPoll(lc);
        return allSent(e, planId);
      },
      15_000,
      'both rounds placed',
    );
    await runPoll(lc);
    expect(await e.ctx.halt.isSet()).toBe(false);
    expect((await events(e)).filter((ev) => ev.type === 'halted')).toEqual([]);

    // A hand order after the start is what the guard is for.
    e.server.exchange.placeOrder({ side: 'sell', code: CODE, qty: 1, type: 'market' });
    await runPoll(lc);
    expect(await e.ctx.halt.isSet()).toBe(true);
  }, 40_000);
});
