import { describe, expect, test } from 'vitest';
import { createOrderContext } from '../../jobs/OrderContext.ts';
import { createOrderWorker, enqueueAmend, enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { reconcileRecord } from '../../jobs/reconcileRecord.ts';
import type { AmendOrder, Broker, NewOrder, OrderAck } from '../../src/broker/Broker.ts';
import { UnknownOutcomeError } from '../../src/broker/errors/UnknownOutcomeError.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { paperKiwoomBroker } from '../kit/paperKiwoomBroker.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
const closers = closeAfterEach(() => env);

/** A promise and the function that settles it. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('reconciliation racing a send of the same record', () => {
  test('a reconciliation that read an earlier send of the record does not take back the send that left meanwhile', async () => {
    env = await startEngineEnv({ settleMs: 300 });
    const e = env;
    e.server.faults.holdFills(true);
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [8])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    const [queued] = await e.ctx.ledger.listByPlan(planId);
    const id = queued?.id ?? '';
    const price = e.server.exchange.quote('005930')?.bestBid ?? 0;
    // A record claimed long ago (a place job waiting out the spacing guard behind another process, or one the
    // poll looks at 2 x settle after its send while its own delayed job is finally running).
    const firstSentAt = Date.now() - 5_000;
    await e.ctx.ledger.transition(id, ['queued'], () => ({ state: 'sending', qty: 8, price, sentAt: firstSentAt }));

    // Process B (the poll, another process's recovery) reconciles it; its list queries answer before the order below
    // reaches the exchange, and are held until then.
    const listsFetched = gate();
    const release = gate();
    let answered = 0;
    const inner = paperKiwoomBroker(e.server.url);
    const held = async <T>(q: () => Promise<T>): Promise<T> => {
      const out = await q();
      if (++answered === 2) listsFetched.open();
      await release.opened;
      return out;
    };
    const slowLists: Broker = {
      getAccount: () => inner.getAccount(),
      getQuote: (code) => inner.getQuote(code),
      placeOrder: (o) => inner.placeOrder(o),
      amendOrder: (a) => inner.amendOrder(a),
      cancelOrder: (c) => inner.cancelOrder(c),
      getOpenOrders: () => held(() => inner.getOpenOrders()),
      getExecutions: () => held(() => inner.getExecutions()),
    };
    const ctxB = createOrderContext({
      redis: e.ctx.redis,
      accountId: e.accountId,
      broker: slowLists,
      prefix: e.ctx.prefix,
      settings: e.ctx.settings,
    });
    closers.push(() => ctxB.queue.close());
    const reconciling = reconcileRecord(ctxB, id);
    await listsFetched.opened;

    // Process A (the place job) restamps its claim as in orderProcessor.place, and its request leaves.
    const sentAt = Date.now();
    const restamped = await e.ctx.ledger.update(id, (cur) =>
      cur.state === 'sending' && cur.sentAt === firstSentAt ? { ...cur, sentAt } : undefined,
    );
    expect(restamped?.changed).toBe(true);
    const ack = await e.ctx.broker.placeOrder({ side: 'sell', code: '005930', qty: 8, type: 'limit', price });

    release.open();
    const outcome = await reconciling;
    // B looked before the order existed: it must not conclude "not placed" about a send it never saw.
    expect(outcome.kind).not.toBe('not-placed');

    // A records its answer as orderProcessor.place does.
    const t = await e.ctx.ledger.transitionWith(id, ['sending'], (cur) => ({
      ...cur,
      state: 'open',
      orderNo: ack.orderNo,
      orderNos: [...cur.orderNos, ack.orderNo],
      lastPlacedAt: sentAt,
    }));
    expect(t.ok).toBe(true);
    const rec = await e.ctx.ledger.get(id);
    expect(rec).toMatchObject({ state: 'open', orderNo: ack.orderNo });
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });

  test('a send that left late and timed out is given the full settle time after it gave up, and is found, not sent again', async () => {
    env = await startEngineEnv({ settleMs: 300 });
    const e = env;
    e.server.faults.holdFills(true);
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [8])]);
    const inner = paperKiwoomBroker(e.server.url);
    let calls = 0;
    // The client's first order call spends longer than the settle time before its request goes out (a token
    // renewal, its own pause after a rate-limit answer, a re-send after a refused token), then its deadline fires;
    // the exchange processes the request just after that, as a request still crossing the network can be.
    const lateSend: Broker = {
      getAccount: () => inner.getAccount(),
      getQuote: (code) => inner.getQuote(code),
      async placeOrder(o: NewOrder): Promise<OrderAck> {
        if (++calls > 1) return inner.placeOrder(o);
        await new Promise((r) => setTimeout(r, 450));
        setTimeout(() => void inner.placeOrder(o).catch(() => {}), 100);
        throw new UnknownOutcomeError('Kiwoom kt10001: no answer within the deadline (test)');
      },
      amendOrder: (a) => inner.amendOrder(a),
      cancelOrder: (c) => inner.cancelOrder(c),
      getOpenOrders: () => inner.getOpenOrders(),
      getExecutions: () => inner.getExecutions(),
    };
    const ctx = createOrderContext({
      redis: e.ctx.redis,
      accountId: e.accountId,
      broker: lateSend,
      prefix: e.ctx.prefix,
      settings: e.ctx.settings,
    });
    closers.push(() => ctx.queue.close());
    await enqueuePhaseRounds(ctx, planId, 'sell');
    const worker = createOrderWorker(ctx);
    closers.push(() => worker.close());
    await waitFor(() => allSent(e, planId), 10_000, 'reconciled');
    // Long enough for a second send, had there been one, to reach the exchange.
    await new Promise((r) => setTimeout(r, 400));

    expect(e.server.exchange.orders()).toHaveLength(1);
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    expect(rec).toMatchObject({ state: 'open', orderNo: e.server.exchange.orders()[0]?.orderNo });
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });

  test('an amendment that left late and timed out is given the full settle time after it gave up, and is found, not sent again', async () => {
    env = await startEngineEnv({ settleMs: 300 });
    const e = env;
    e.server.faults.holdFills(true);
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [6])]);
    const inner = paperKiwoomBroker(e.server.url);
    let amends = 0;
    // As above, for the amendment: long before its request leaves, then processed just after its deadline fired.
    const lateAmend: Broker = {
      getAccount: () => inner.getAccount(),
      getQuote: (code) => inner.getQuote(code),
      placeOrder: (o) => inner.placeOrder(o),
      async amendOrder(a: AmendOrder): Promise<OrderAck> {
        if (++amends > 1) return inner.amendOrder(a);
        await new Promise((r) => setTimeout(r, 450));
        setTimeout(() => void inner.amendOrder(a).catch(() => {}), 100);
        throw new UnknownOutcomeError('Kiwoom kt10002: no answer within the deadline (test)');
      },
      cancelOrder: (c) => inner.cancelOrder(c),
      getOpenOrders: () => inner.getOpenOrders(),
      getExecutions: () => inner.getExecutions(),
    };
    const ctx = createOrderContext({
      redis: e.ctx.redis,
      accountId: e.accountId,
      broker: lateAmend,
      prefix: e.ctx.prefix,
      settings: e.ctx.settings,
    });
    closers.push(() => ctx.queue.close());
    await enqueuePhaseRounds(ctx, planId, 'sell');
    const worker = createOrderWorker(ctx);
    closers.push(() => worker.close());
    await waitFor(() => allSent(e, planId), 10_000, 'placed');
    const [rec] = await e.ctx.ledger.listByPlan(planId);
    if (rec === undefined) throw new Error('no record');
    await enqueueAmend(ctx, rec, rec.price + 200);
    await waitFor(async () => (await e.ctx.ledger.get(rec.id ?? ''))?.pending === undefined && amends > 0, 10_000);
    await waitFor(async () => (await ctx.queue.getJobCounts('active', 'delayed', 'wait')).delayed === 0, 10_000);
    await new Promise((r) => setTimeout(r, 400));

    const amendRequests = e.server.requestLog.filter((r) => r.apiId === 'kt10002');
    expect(amendRequests).toHaveLength(1);
    const amendOrder = e.server.exchange.orders().find((o) => o.kind === 'amend');
    const after = await e.ctx.ledger.get(rec.id ?? '');
    expect(after).toMatchObject({ state: 'open', orderNo: amendOrder?.orderNo, price: rec.price + 200 });
    expect(after?.amendments).toHaveLength(1);
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });
});
