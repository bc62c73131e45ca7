import { describe, expect, test } from 'vitest';
import { createOrderContext } from '../../jobs/OrderContext.ts';
import { createOrderWorker, enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { reconcileRecord } from '../../jobs/reconcileRecord.ts';
import type { Broker } from '../../src/broker/Broker.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { leg } from '../kit/leg.ts';
import { paperKiwoomBroker } from '../kit/paperKiwoomBroker.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

/**
 * Issue 7, item 8: reconciling a lost request of one round while the worker sends an identical round of the same
 * leg. The broker's lists then show the worker's order; the reconciliation must not adopt it for the other record.
 * Deterministic: a broker wrapper holds the reconciliation's list queries (or the worker's answer) at the moment
 * that matters.
 */

let env: EngineEnv | undefined;
const closers = closeAfterEach(() => env);

const CODE = '005930';

/** A promise and the function that settles it. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** A paper Kiwoom client whose calls can be wrapped. */
function wrapped(e: EngineEnv, over: Partial<Broker>): Broker {
  const inner = paperKiwoomBroker(e.server.url);
  return {
    getAccount: () => inner.getAccount(),
    getQuote: (code) => inner.getQuote(code),
    placeOrder: (o) => inner.placeOrder(o),
    amendOrder: (a) => inner.amendOrder(a),
    cancelOrder: (c) => inner.cancelOrder(c),
    getOpenOrders: () => inner.getOpenOrders(),
    getExecutions: () => inner.getExecutions(),
    ...over,
  };
}

/**
 * A leg of 3 + 3: round 1's request was lost long ago (`unknown`, nothing reached the exchange), round 2 (identical:
 * same quantity, the same best-bid price) has its place job queued but no worker runs yet. Returns the ids.
 */
async function lostRoundAndTwin(e: EngineEnv): Promise<{ lost: string; twin: string }> {
  e.server.faults.holdFills(true);
  const planId = await savePlan(e, [leg(CODE, '삼성전자', 71_200, [3, 3])]);
  await enqueuePhaseRounds(e.ctx, planId, 'sell');
  const lost = `${planId}-sell-${CODE}-r1`;
  const twin = `${planId}-sell-${CODE}-r2`;
  await e.ctx.queue.remove(`place-${lost}`);
  const price = e.server.exchange.quote(CODE)?.bestBid ?? 0;
  const long = Date.now() - 5_000;
  const t = await e.ctx.ledger.transition(lost, ['queued'], () => ({
    state: 'unknown',
    qty: 3,
    price,
    sentAt: long,
    unknownAt: long,
  }));
  expect(t.ok).toBe(true);
  return { lost, twin };
}

function workerWith(e: EngineEnv, broker: Broker): void {
  const ctx = createOrderContext({
    redis: e.ctx.redis,
    accountId: e.accountId,
    broker,
    prefix: e.ctx.prefix,
    settings: e.ctx.settings,
  });
  const w = createOrderWorker(ctx);
  closers.push(() => ctx.queue.close());
  closers.push(() => w.close());
}

describe("reconciliation does not adopt an identical round's order", () => {
  test('the worker places and claims the twin between the claim read and the list read: not adopted', async () => {
    env = await startEngineEnv({ settleMs: 300 });
    const e = env;
    const { lost, twin } = await lostRoundAndTwin(e);

    // The reconciliation's list queries wait until the worker has placed the twin and claimed its number.
    let twinPlaced: Promise<void> | undefined;
    const placeTwinFirst = () => {
      twinPlaced ??= (async () => {
        e.startWorker();
        await waitFor(async () => (await e.ctx.ledger.get(twin))?.state === 'open', 10_000, 'the twin placed');
      })();
      return twinPlaced;
    };
    const broker = wrapped(e, {});
    const listsAfterTwin = wrapped(e, {
      getOpenOrders: async () => {
        await placeTwinFirst();
        return broker.getOpenOrders();
      },
      getExecutions: async () => {
        await placeTwinFirst();
        return broker.getExecutions();
      },
    });
    const ctx = createOrderContext({
      redis: e.ctx.redis,
      accountId: e.accountId,
      broker: listsAfterTwin,
      prefix: e.ctx.prefix,
      settings: e.ctx.settings,
    });
    closers.push(() => ctx.queue.close());

    const outcome = await reconcileRecord(ctx, lost);
    const twinRec = await e.ctx.ledger.get(twin);
    expect(outcome).toEqual({ kind: 'not-placed' });
    expect(twinRec).toMatchObject({ state: 'open' });
    const lostRec = await e.ctx.ledger.get(lost);
    expect(lostRec?.orderNos).toEqual([]);
    expect(lostRec?.unclaimedOrderNo).toBeUndefined();
    expect(await e.ctx.ledger.findByOrderNo(twinRec?.orderNo ?? '')).toMatchObject({ id: twin });
  });

  test('the twin is accepted but its answer not recorded yet when the lists are read: not adopted, asked again', async () => {
    env = await startEngineEnv({ settleMs: 300 });
    const e = env;
    const { lost, twin } = await lostRoundAndTwin(e);

    // The worker's answer to the twin's order is held until the reconciliation has run.
    const answer = gate();
    const slowAnswer = wrapped(e, {});
    const inner = slowAnswer.placeOrder;
    workerWith(e, {
      ...slowAnswer,
      placeOrder: async (o) => {
        const ack = await inner(o);
        await answer.opened;
        return ack;
      },
    });
    await waitFor(() => e.server.exchange.orders().length === 1, 10_000, 'the twin accepted at the exchange');
    expect((await e.ctx.ledger.get(twin))?.state).toBe('sending');

    const outcome = await reconcileRecord(e.ctx, lost);
    answer.open();
    expect(outcome.kind).toBe('too-early');
    await waitFor(async () => (await e.ctx.ledger.get(twin))?.state === 'open', 10_000, 'the twin open');
    const twinRec = await e.ctx.ledger.get(twin);
    expect(twinRec?.orderNo).toBe(e.server.exchange.orders()[0]?.orderNo);
    expect(await e.ctx.ledger.get(lost)).toMatchObject({ state: 'unknown', orderNos: [] });
  });
});
