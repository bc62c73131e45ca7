import { describe, expect, test } from 'vitest';
import type { EngineEvent } from '../../src/domain/EngineEvent.ts';
import type { Plan } from '../../src/domain/types.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';

/**
 * Issue 7, item 7: a crash between closing a cancelled record (AMEND_POLICY=market) and creating its market
 * follow-up, after the market job had finished. Emulated by writing what that crash leaves: the record closed
 * `cancelled` with `followUp: 'market'`, its order cancelled at the exchange, no follow-up record and no job.
 */

const CODE = '005930';
const account = {
  deposit: 1_000_000,
  positions: [{ code: CODE, name: '삼성전자', qty: 20, price: 71_200 }],
  quotes: [],
};

const plan: Plan = {
  sells: [
    {
      code: CODE,
      name: '삼성전자',
      price: 71_200,
      qty: 10,
      rounds: [10],
      heldQty: 20,
      targetValue: 712_000,
      targetPct: 40,
    },
  ],
  buys: [],
  excluded: [],
  projected: { weights: { [CODE]: 40 }, cash: 1_700_000 },
  totalValue: 2_424_000,
  estimatedCosts: 1_600,
};

let bench: Bench | undefined;
closeAfterEach(() => bench);

async function hasEvent(b: Bench, type: EngineEvent['type']): Promise<true | undefined> {
  return (await b.events()).some((e) => e.event.type === type) ? true : undefined;
}

describe('a market follow-up lost to a crash', () => {
  test('is created by the poll, placed, and the plan ends with the leg sold once', async () => {
    // No amendment in the time of the test: only the crash's leftovers move things.
    bench = await startBench(account, { AMEND_AFTER_MS: '600000', AMEND_POLICY: 'market' });
    const b = bench;
    b.paper.faults.holdFills(true);
    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan);
    await engine.runNow();
    await waitFor('the sell to be placed', () => hasEvent(b, 'order-placed'));
    const ledger = new OrderLedger(b.redis, b.accountId);
    const [rec] = await ledger.listByPlan(planId, 'sell');
    const id = rec?.id ?? '';
    const orderNo = rec?.orderNo ?? '';

    // What the crash leaves: closed cancelled for the market, the order cancelled, no follow-up.
    const closed = await ledger.update(id, (cur) =>
      cur.state === 'open'
        ? { ...cur, state: 'cancelled', followUp: 'market', cancelReason: 'remainder goes to a market order' }
        : undefined,
    );
    expect(closed?.changed).toBe(true);
    await b.broker.cancelOrder({ orderNo, code: CODE, qty: 0 });
    b.paper.faults.holdFills(false);

    await waitFor('the plan to end', () => hasEvent(b, 'plan-done'), 30_000);
    const follow = await ledger.get(`${id}-m1`);
    expect(follow).toMatchObject({ state: 'filled', orderType: 'market', qty: 10, filledQty: 10 });
    const held = b.paper.exchange.positions().find((p) => p.code === CODE)?.qty;
    expect(held).toBe(10);
  }, 60_000);
});
