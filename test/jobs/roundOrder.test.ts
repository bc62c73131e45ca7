import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { runPoll } from '../../jobs/pollJob.ts';
import { orderJobId } from '../../src/store/keys.ts';
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

describe('round order within a leg', () => {
  // The last round sends whatever remains of its leg. Any per-job delay (trading hours, the broker's clock, a cancel
  // awaiting confirmation) or a lost job can let it run while an earlier round is still `queued`: it then sent the
  // whole leg as one order and the earlier rounds were skipped, a TWAP collapsed into a single order.
  test('a last round does not go while an earlier round of its leg is still queued', { timeout: 60_000 }, async () => {
    env = await startEngineEnv({ orderIntervalMs: 100 });
    const e = env;
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [3, 3])]);
    const saved = await e.ctx.plans.get(planId);
    expect((await e.ctx.plans.approve(planId, saved?.hash ?? '')).ok).toBe(true);
    expect(await e.ctx.plans.casPhase(planId, 'sell', 'pending', 'running')).toBe(true);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    // Round 1's job is gone (as after a delay that outlived its turn, or a job lost for good): only the last round's
    // job is there when the worker starts.
    const [first] = await e.ctx.ledger.listByPlan(planId);
    await e.ctx.queue.remove(orderJobId('place', first?.id ?? ''));
    e.startWorker();
    // The poll gives round 1 its job back.
    const lc = pollLifecycle(e.ctx);
    await waitFor(
      async () => {
        await runPoll(lc);
        return allSent(e, planId);
      },
      30_000,
      'both rounds placed',
    );
    const records = await e.ctx.ledger.listByPlan(planId);
    expect(records.map((r) => [r.round, r.state === 'skipped' ? 'skipped' : 'sent', r.qty])).toEqual([
      [1, 'sent', 3],
      [2, 'sent', 3],
    ]);
    expect(e.server.exchange.orders()).toHaveLength(2);
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });
});
