import { describe, expect, test } from 'vitest';
import type { Plan } from '../../src/domain/types.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';

/**
 * Issue 7, item 12, across a restart: Redis lost the last writes of a round whose order the broker accepted (the
 * record came back `queued`, its claim gone), and the process died with them, so no answer is there to attach.
 * Start-up recovery gives the `queued` round its place job; the workers used to start at once and send it again
 * (a duplicate), and only the first poll's unowned-order guard halted, after the fact. The check runs before the
 * workers start: the plan halts, nothing is sent twice.
 */

const CODE = '005930';
const account = {
  deposit: 1_000_000,
  positions: [{ code: CODE, name: '삼성전자', qty: 20, price: 71_200 }],
  quotes: [],
};
const plan: Plan = {
  sells: [
    { code: CODE, name: '삼성전자', price: 71_200, qty: 3, rounds: [3], heldQty: 20, targetValue: 0, targetPct: 0 },
  ],
  buys: [],
  excluded: [],
  projected: { weights: {}, cash: 0 },
  totalValue: 1_424_000,
  estimatedCosts: 0,
};

let bench: Bench | undefined;
closeAfterEach(() => bench);

describe('a restart after Redis lost the write of an accepted order', () => {
  test('halts before the workers start; the round is not sent again', async () => {
    bench = await startBench(account);
    const b = bench;
    b.paper.faults.holdFills(true);
    const first = b.engine();
    await first.start();
    const planId = await first.approve(plan);
    await first.runNow();
    const ledger = new OrderLedger(b.redis, b.accountId);
    const id = `${planId}-sell-${CODE}-r1`;
    const placed = await waitFor('the round placed', async () => {
      const r = await ledger.get(id);
      return r?.state === 'open' ? r : undefined;
    });
    await first.close();

    // What a host crash with AOF everysec can leave: the record back to `queued`, its order number's claim gone.
    await ledger.update(id, (cur) => {
      const { orderNo: _o, sentAt: _s, lastPlacedAt: _l, ...rest } = cur;
      return { ...rest, state: 'queued', qty: 0, price: 0, orderNos: [] };
    });
    await b.redis.hdel(ledger.keys.orderNos(ledger.today()), placed.orderNo ?? '');

    const second = b.engine();
    await second.start();
    expect(await new OrderLedger(b.redis, b.accountId).get(id)).toMatchObject({ state: 'queued' });
    // Give a worker every chance to send it (it would within a few order intervals).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(b.paper.exchange.orders()).toHaveLength(1);
    expect(
      (await b.events()).some(
        (e) =>
          e.event.type === 'error' &&
          e.event.code === 'unowned-orders' &&
          e.event.orders.some((o) => o.orderNo === placed.orderNo),
      ),
    ).toBe(true);
    expect((await b.events()).some((e) => e.event.type === 'halted')).toBe(true);
  }, 60_000);
});
