import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds, ensurePlaceJob } from '../../jobs/orderQueue.ts';
import { runPoll } from '../../jobs/pollJob.ts';
import type { Broker } from '../../src/broker/Broker.ts';
import type { Execution } from '../../src/domain/Execution.ts';
import type { LedgerRecord } from '../../src/domain/LedgerRecord.ts';
import { orderJobId } from '../../src/store/keys.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { leg } from '../kit/leg.ts';
import { pollLifecycle } from '../kit/pollLifecycle.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

/**
 * An order cancelled outside the engine (by hand in the broker's app) leaves the open list without filling in full.
 * The poll must close its record as `cancelled` with the fills it got, so that the leg's last round makes good the
 * cancelled shares. An order amended by hand also leaves the open list, but lives on under a new number: that record
 * must not be closed.
 */

let env: EngineEnv | undefined;
closeAfterEach(() => env);

const CODE = '005930';
const SETTLE = 200;

/**
 * The paper client, except that the executed list also carries a row for every cancel with `orig_ord_no` pointing
 * at the cancelled order, nothing filled and nothing open: the confirmation row (확인) a Kiwoom account's ka10076
 * list can hold, which the paper exchange does not list.
 */
function withCancelRows(e: EngineEnv): Broker {
  const inner = e.ctx.broker;
  return {
    getAccount: () => inner.getAccount(),
    getQuote: (code) => inner.getQuote(code),
    placeOrder: (o) => inner.placeOrder(o),
    amendOrder: (a) => inner.amendOrder(a),
    cancelOrder: (c) => inner.cancelOrder(c),
    getOpenOrders: () => inner.getOpenOrders(),
    async getExecutions(): Promise<Execution[]> {
      const rows = await inner.getExecutions();
      const cancels = e.server.exchange.cancellations().map(
        (c): Execution => ({
          orderNo: c.orderNo,
          origOrderNo: c.origOrderNo,
          code: c.code,
          side: c.side,
          orderQty: c.qty,
          orderPrice: 0,
          filledQty: 0,
          fillPrice: 0,
          unfilledQty: 0,
          commission: 0,
          tax: 0,
          status: '확인',
          time: '100000',
        }),
      );
      return [...rows, ...cancels];
    },
  };
}

/** A sell leg of 10 in two rounds; round 1 is placed (2 of its 5 fill at once), round 2 is held back. */
async function firstRoundPlaced(e: EngineEnv): Promise<{ planId: string; r1: LedgerRecord }> {
  const planId = await savePlan(e, [leg(CODE, '삼성전자', 71_200, [5, 5])]);
  await enqueuePhaseRounds(e.ctx, planId, 'sell');
  await e.ctx.queue.remove(orderJobId('place', `${planId}-sell-${CODE}-r2`));
  e.startWorker();
  await waitFor(async () => (await e.ctx.ledger.get(`${planId}-sell-${CODE}-r1`))?.state === 'open', 10_000, 'r1');
  const r1 = await e.ctx.ledger.get(`${planId}-sell-${CODE}-r1`);
  if (r1?.orderNo === undefined) throw new Error('round 1 not placed');
  expect(e.server.exchange.order(r1.orderNo)).toMatchObject({ filledQty: 2, openQty: 3 });
  return { planId, r1 };
}

describe('an order cancelled or amended outside the engine', () => {
  test.each([
    ['the paper exchange', false],
    ['a broker that lists the cancel as a row pointing back at the order', true],
  ])(
    'cancelled by hand (%s): closed as cancelled with its fills, and the last round makes good the rest',
    async (_how, cancelRows) => {
      env = await startEngineEnv({ settleMs: SETTLE }, { liquidityPerStep: 2 });
      const e = env;
      const { planId, r1 } = await firstRoundPlaced(e);
      e.server.exchange.cancelOrder({ origOrderNo: r1.orderNo ?? '', code: CODE, qty: 0 });
      await new Promise((r) => setTimeout(r, SETTLE + 50));

      const orders = cancelRows ? { ...e.ctx, broker: withCancelRows(e) } : e.ctx;
      const report = await runPoll(pollLifecycle(orders));
      expect(report.closed).toBe(1);
      const closed = await e.ctx.ledger.get(r1.id ?? '');
      expect(closed).toMatchObject({ state: 'cancelled', qty: 5, filledQty: 2 });
      expect(closed?.filledValue).toBeGreaterThan(0);
      const cancelled = (await e.ctx.outbox.read('0-0', 100)).find((x) => x.event.type === 'cancelled');
      expect(cancelled?.event).toMatchObject({ qty: 3, orderNo: r1.orderNo });

      // Round 2 (the last) has not gone out yet: it sends the leg's 10 minus the 2 that filled.
      const r2 = await e.ctx.ledger.get(`${planId}-sell-${CODE}-r2`);
      if (r2 === undefined) throw new Error('no round 2');
      await ensurePlaceJob(e.ctx, r2);
      await waitFor(() => allSent(e, planId), 10_000, 'round 2 placed');
      expect(await e.ctx.ledger.get(r2.id ?? '')).toMatchObject({ state: 'open', qty: 8 });
    },
  );

  test('amended by hand: not closed, the order lives on under its new number', async () => {
    env = await startEngineEnv({ settleMs: SETTLE }, { liquidityPerStep: 2 });
    const e = env;
    const { r1 } = await firstRoundPlaced(e);
    e.server.exchange.amendOrder({ origOrderNo: r1.orderNo ?? '', code: CODE, qty: 0, price: r1.price + 500 });
    await new Promise((r) => setTimeout(r, SETTLE + 50));

    for (const orders of [e.ctx, { ...e.ctx, broker: withCancelRows(e) }]) {
      const report = await runPoll(pollLifecycle(orders));
      expect(report.closed).toBe(0);
      expect((await e.ctx.ledger.get(r1.id ?? ''))?.state).toBe('partial');
    }
  });
});
