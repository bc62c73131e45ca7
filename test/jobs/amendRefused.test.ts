import { describe, expect, test } from 'vitest';
import type { EngineEvent } from '../../src/domain/EngineEvent.ts';
import type { Plan } from '../../src/domain/types.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';

/**
 * Issue 7, item 6: an amendment the broker refuses must count as an attempt, so that MAX_AMENDS and the AMEND_POLICY
 * are reached. Here a buy is amended towards a price the account cannot pay for: the paper exchange refuses it
 * (insufficientCash [2004]) every time.
 */

const CODE = '373220';
const account = {
  deposit: 770_000,
  positions: [],
  quotes: [{ code: CODE, name: 'LG에너지솔루션', price: 380_000 }],
};

/** Buys 2 shares of 373220 in one round (2 x 380,500 fits the deposit; 2 x 390,500 does not). */
const plan: Plan = {
  sells: [],
  buys: [
    {
      code: CODE,
      name: 'LG에너지솔루션',
      price: 380_000,
      qty: 2,
      rounds: [2],
      heldQty: 0,
      targetValue: 760_000,
      targetPct: 98,
    },
  ],
  excluded: [],
  projected: { weights: { [CODE]: 98 }, cash: 10_000 },
  totalValue: 770_000,
  estimatedCosts: 200,
};

let bench: Bench | undefined;
closeAfterEach(() => bench);

async function eventsOf<T extends EngineEvent['type']>(
  b: Bench,
  type: T,
): Promise<Array<Extract<EngineEvent, { type: T }>>> {
  return (await b.events()).map((e) => e.event).filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);
}

describe('a refused amendment', () => {
  test('counts as an attempt: after MAX_AMENDS refusals the AMEND_POLICY (cancel) applies and the phase ends', async () => {
    bench = await startBench(account, { MAX_AMENDS: '2', AMEND_POLICY: 'cancel' });
    const b = bench;
    b.paper.faults.holdFills(true);
    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan);
    await engine.runNow();
    await waitFor('the buy to be placed', async () =>
      (await eventsOf(b, 'order-placed')).length > 0 ? true : undefined,
    );
    // The price runs away: every amendment goes to a best ask the account cannot pay for.
    b.paper.exchange.setPrice(CODE, 390_000);
    const [cancelled] = await waitFor(
      'the cancel after MAX_AMENDS refused amendments',
      async () => {
        const c = await eventsOf(b, 'cancelled');
        return c.length > 0 ? c : undefined;
      },
      30_000,
    );
    expect(cancelled?.qty).toBe(2);
    const amendRequests = b.paper.requestLog.filter((r) => r.apiId === 'kt10002');
    expect(amendRequests).toHaveLength(2);
    const [rec] = await new OrderLedger(b.redis, b.accountId).listByPlan(planId, 'buy');
    expect(rec?.state).toBe('cancelled');
    expect(rec?.amendments).toEqual([]);
    expect(rec?.amendChecks?.map((c) => c.refused !== undefined)).toEqual([true, true]);
    await waitFor('the plan to end', async () => ((await eventsOf(b, 'plan-done')).length > 0 ? true : undefined));
  }, 60_000);
});
