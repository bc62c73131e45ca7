import { describe, expect, test } from 'vitest';
import { createOrderContext } from '../../jobs/OrderContext.ts';
import { createOrderWorker, enqueuePhaseRounds, requeuePlan } from '../../jobs/orderQueue.ts';
import { runPoll } from '../../jobs/pollJob.ts';
import type { Broker } from '../../src/broker/Broker.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { paperKiwoomBroker } from '../kit/paperKiwoomBroker.ts';
import { placedRecord } from '../kit/placedRecord.ts';
import { pollLifecycle } from '../kit/pollLifecycle.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

/**
 * Issue 7, item 12: the ledger going back in time (Redis AOF `everysec` losing its last second on a host crash).
 * Emulated by writing a record's earlier version (its `json` and `ver`) back into Redis at the moment that matters.
 */

let env: EngineEnv | undefined;
const closers = closeAfterEach(() => env);

const CODE = '005930';

async function idle(e: EngineEnv): Promise<boolean> {
  const c = await e.ctx.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(c).every((n) => n === 0);
}

describe('the ledger going back in time', () => {
  test('an order accepted while its record fell back to queued is attached to it, with its fill, and not sent again', async () => {
    env = await startEngineEnv({}, { liquidityPerStep: 2 });
    const e = env;
    const planId = await savePlan(e, [leg(CODE, '삼성전자', 71_200, [6])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    const id = `${planId}-sell-${CODE}-r1`;
    const key = e.ctx.ledger.keys.record(id);
    const [json, ver] = await e.ctx.redis.hmget(key, 'json', 'ver');
    expect(JSON.parse(json ?? '{}')).toMatchObject({ state: 'queued' });

    // The order reaches the exchange (and fills 2 of 6 on arrival); then Redis loses the writes since `queued`.
    const inner = paperKiwoomBroker(e.server.url);
    const losing: Broker = {
      getAccount: () => inner.getAccount(),
      getQuote: (code) => inner.getQuote(code),
      placeOrder: async (o) => {
        const ack = await inner.placeOrder(o);
        await e.ctx.redis.hset(key, 'json', json ?? '', 'ver', ver ?? '1');
        return ack;
      },
      amendOrder: (a) => inner.amendOrder(a),
      cancelOrder: (c) => inner.cancelOrder(c),
      getOpenOrders: () => inner.getOpenOrders(),
      getExecutions: () => inner.getExecutions(),
    };
    const ctx = createOrderContext({
      redis: e.ctx.redis,
      accountId: e.accountId,
      broker: losing,
      prefix: e.ctx.prefix,
      settings: e.ctx.settings,
    });
    const worker = createOrderWorker(ctx);
    closers.push(() => ctx.queue.close());
    closers.push(() => worker.close());
    await waitFor(async () => (await e.ctx.outbox.read()).some((x) => x.event.type === 'order-placed'), 10_000);
    await waitFor(() => idle(e), 10_000, 'the queue idle');

    const [order] = e.server.exchange.orders();
    expect(order).toMatchObject({ qty: 6, filledQty: 2 });
    const rec = await e.ctx.ledger.get(id);
    expect(rec).toMatchObject({ state: 'partial', orderNo: order?.orderNo, qty: 6, filledQty: 2 });
    expect(await e.ctx.ledger.findByOrderNo(order?.orderNo ?? '')).toMatchObject({ id });
    const events = (await e.ctx.outbox.read()).map((x) => x.event);
    expect(events.filter((ev) => ev.type === 'error')).toEqual([]);

    // A resume (or a restart) gives every record still to be sent its job again: nothing is sent twice.
    await requeuePlan(e.ctx, planId);
    await waitFor(() => idle(e), 10_000, 'the queue idle again');
    expect(e.server.exchange.orders()).toHaveLength(1);
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });

  test('a fill the lost writes had recorded is learned again from the broker', async () => {
    env = await startEngineEnv({}, { liquidityPerStep: 2 });
    const e = env;
    const rec = await placedRecord(e, 6);
    const id = rec.id ?? '';
    const key = e.ctx.ledger.keys.record(id);
    const [json, ver] = await e.ctx.redis.hmget(key, 'json', 'ver');
    e.server.faults.holdFills(false);
    e.server.exchange.setPrice(CODE, 75_000);
    await runPoll(pollLifecycle(e.ctx));
    expect(await e.ctx.ledger.get(id)).toMatchObject({ state: 'partial', filledQty: 2 });

    // The write of that fill is lost: the record is `open` with nothing filled again.
    await e.ctx.redis.hset(key, 'json', json ?? '', 'ver', ver ?? '1');
    expect(await e.ctx.ledger.get(id)).toMatchObject({ state: 'open', filledQty: 0 });
    await runPoll(pollLifecycle(e.ctx));
    expect(await e.ctx.ledger.get(id)).toMatchObject({ state: 'partial', filledQty: 2 });
  });
});
