import { describe, expect, test } from 'vitest';
import { enqueueAmend, enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { runPoll } from '../../jobs/pollJob.ts';
import { reconcileRecord } from '../../jobs/reconcileRecord.ts';
import type { LedgerRecord } from '../../src/domain/LedgerRecord.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { leg } from '../kit/leg.ts';
import { pollLifecycle } from '../kit/pollLifecycle.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

/**
 * Kiwoom order numbers restart every trading day, so a number the ledger claimed yesterday comes back today. The
 * ledger claims numbers per KST day; and an order the broker accepted is never forgotten because of a claim
 * conflict: it becomes open with its number, or (number owned by another record today) stays unknown with it.
 */

let env: EngineEnv | undefined;
closeAfterEach(() => env);

const DAY_MS = 24 * 3600 * 1000;

/** The number the exchange gives the next request: a probe order (a buy resting at the lower limit) shows it. */
function nextOrderNo(e: EngineEnv, skip = 0): string {
  const q = e.server.exchange.quote('000660');
  if (q === undefined) throw new Error('no quote');
  const probe = e.server.exchange.placeOrder({
    side: 'buy',
    code: '000660',
    qty: 1,
    type: 'limit',
    price: q.lowerLimit,
  });
  return String(Number(probe.orderNo) + 1 + skip).padStart(7, '0');
}

/**
 * A record of another plan that owns `orderNo` in the index of the day of `clock`, as an order placed then (a sell
 * of 5 x 005930 at `price`, `state` open unless given).
 */
async function claimElsewhere(
  e: EngineEnv,
  orderNo: string,
  clock: () => number,
  over: Partial<LedgerRecord> = {},
): Promise<string> {
  const ledger = new OrderLedger(e.ctx.redis, e.accountId, clock);
  const { record } = await ledger.create({
    planId: 'earlier',
    side: 'sell',
    code: '005930',
    name: '삼성전자',
    round: 1,
    isLastRound: true,
    plannedQty: 5,
    order: 100_000,
  });
  const id = record.id ?? '';
  const at = clock();
  await ledger.update(id, (c) => ({
    ...c,
    state: 'open',
    qty: 5,
    price: 71_100,
    orderNo,
    orderNos: [orderNo],
    sentAt: at,
    lastPlacedAt: at,
    ...over,
  }));
  return id;
}

async function onlyRecord(e: EngineEnv, planId: string): Promise<LedgerRecord> {
  const [rec] = await e.ctx.ledger.listByPlan(planId);
  if (rec === undefined) throw new Error('no record');
  return rec;
}

describe('order numbers that repeat', () => {
  test("today's order gets a number a record claimed yesterday: it becomes open with that number", async () => {
    env = await startEngineEnv();
    const e = env;
    e.server.faults.holdFills(true);
    const expected = nextOrderNo(e);
    const yesterdays = await claimElsewhere(e, expected, () => Date.now() - DAY_MS);
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [5])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'the sell placed');

    const rec = await onlyRecord(e, planId);
    expect(rec).toMatchObject({ state: 'open', orderNo: expected, orderNos: [expected], qty: 5 });
    expect((await e.ctx.ledger.findByOrderNo(expected))?.id).toBe(rec.id);
    const yesterday = new OrderLedger(e.ctx.redis, e.accountId, () => Date.now() - DAY_MS);
    expect((await yesterday.findByOrderNo(expected))?.id).toBe(yesterdays);
    expect((await e.ctx.outbox.read('0-0', 100)).map((x) => x.event.type)).not.toContain('error');
  });

  test('an accepted order whose number another record owns today stays unknown with it and is never sent again', async () => {
    env = await startEngineEnv({ settleMs: 200 });
    const e = env;
    e.server.faults.holdFills(true);
    const expected = nextOrderNo(e);
    const owner = await claimElsewhere(e, expected, Date.now);
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [5])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(async () => (await onlyRecord(e, planId)).state === 'unknown', 10_000, 'the record left unknown');

    const rec = await onlyRecord(e, planId);
    expect(rec).toMatchObject({ state: 'unknown', unclaimedOrderNo: expected, qty: 5, orderNos: [] });
    expect(rec.note).toMatchObject({ code: 'order-number-taken', orderNo: expected });
    const errors = (await e.ctx.outbox.read('0-0', 100)).filter((x) => x.event.type === 'error');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0]?.event)).toContain(expected);
    expect(JSON.stringify(errors[0]?.event)).toContain(owner);

    // Long past the settle time, reconciliation (the place job's, the poll's) must not send it again.
    await new Promise((r) => setTimeout(r, 700));
    expect(await reconcileRecord(e.ctx, rec.id ?? '')).toEqual({ kind: 'unclaimed', orderNo: expected });
    await runPoll(pollLifecycle(e.ctx));
    await new Promise((r) => setTimeout(r, 500));
    const sells = e.server.exchange.orders().filter((o) => o.code === '005930');
    expect(sells.map((o) => o.orderNo)).toEqual([expected]);
    expect((await onlyRecord(e, planId)).state).toBe('unknown');
    expect((await e.ctx.outbox.read('0-0', 100)).filter((x) => x.event.type === 'error')).toHaveLength(1);

    // Once a person frees the number, reconciliation adopts it.
    await e.ctx.redis.hdel(e.ctx.ledger.keys.orderNos(e.ctx.ledger.today()), expected);
    expect(await reconcileRecord(e.ctx, rec.id ?? '')).toEqual({ kind: 'placed', orderNo: expected });
    const adopted = await onlyRecord(e, planId);
    expect(adopted).toMatchObject({ state: 'open', orderNo: expected, orderNos: [expected] });
    expect(adopted.unclaimedOrderNo).toBeUndefined();
  });

  test('an accepted amendment whose number another record owns today keeps the number and the amendment', async () => {
    env = await startEngineEnv({ settleMs: 200 });
    const e = env;
    e.server.faults.holdFills(true);
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [5])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'the sell placed');
    const placed = await onlyRecord(e, planId);
    // The probe takes one number; the amendment gets the one after it.
    const expected = nextOrderNo(e);
    await claimElsewhere(e, expected, Date.now);
    const to = placed.price + 100;
    await enqueueAmend(e.ctx, placed, to);
    await waitFor(async () => (await onlyRecord(e, planId)).state === 'unknown', 10_000, 'the record left unknown');

    const rec = await onlyRecord(e, planId);
    expect(rec).toMatchObject({ unclaimedOrderNo: expected, orderNo: placed.orderNo, amendments: [] });
    expect(rec.pending).toMatchObject({ kind: 'amend', fromOrderNo: placed.orderNo, toPrice: to });
    expect(e.server.exchange.order(expected)).toMatchObject({ kind: 'amend', price: to, qty: 5 });

    await e.ctx.redis.hdel(e.ctx.ledger.keys.orderNos(e.ctx.ledger.today()), expected);
    expect(await reconcileRecord(e.ctx, rec.id ?? '')).toEqual({ kind: 'placed', orderNo: expected });
    const adopted = await onlyRecord(e, planId);
    expect(adopted).toMatchObject({
      state: 'open',
      orderNo: expected,
      orderNos: [placed.orderNo, expected],
      price: to,
      amendments: [{ fromOrderNo: placed.orderNo, toOrderNo: expected, fromPrice: placed.price, toPrice: to, qty: 5 }],
    });
    expect(adopted.pending).toBeUndefined();
  });

  test("a record still open from an earlier day takes nothing from today's lists and is left unknown for a person", async () => {
    env = await startEngineEnv();
    const e = env;
    const expected = nextOrderNo(e);
    const yesterdays = await claimElsewhere(e, expected, () => Date.now() - DAY_MS);
    // Today's order gets the same number and fills at once.
    const planId = await savePlan(e, [leg('005930', '삼성전자', 71_200, [5])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    await waitFor(() => allSent(e, planId), 10_000, 'the sell placed');
    expect(e.server.exchange.order(expected)).toMatchObject({ filledQty: 5 });

    const report = await runPoll(pollLifecycle(e.ctx));
    expect(report.parked).toBe(1);
    expect(await onlyRecord(e, planId)).toMatchObject({ orderNo: expected, state: 'filled', filledQty: 5 });
    const old = await e.ctx.ledger.get(yesterdays);
    expect(old).toMatchObject({ state: 'unknown', filledQty: 0, orderNo: expected });
    expect(old?.note).toMatchObject({ code: 'earlier-day-unsettled' });
    // Parked once: the next poll says nothing more.
    expect((await runPoll(pollLifecycle(e.ctx))).parked).toBe(0);
    const errors = (await e.ctx.outbox.read('0-0', 100)).filter((x) => x.event.type === 'error');
    expect(errors).toHaveLength(1);
  });

  test("a request of an earlier day whose answer was lost is neither matched with today's orders nor sent again", async () => {
    env = await startEngineEnv({ settleMs: 100 });
    const e = env;
    e.server.faults.holdFills(true);
    // Yesterday, at this time of day, a sell of 5 at 71,100 left and its answer was lost.
    const q = e.server.exchange.quote('005930');
    const { record } = await new OrderLedger(e.ctx.redis, e.accountId, () => Date.now() - DAY_MS).create({
      planId: 'earlier',
      side: 'sell',
      code: '005930',
      name: '삼성전자',
      round: 1,
      isLastRound: true,
      plannedQty: 5,
      order: 100_000,
    });
    const id = record.id ?? '';
    await e.ctx.ledger.update(id, (c) => ({
      ...c,
      state: 'unknown',
      qty: 5,
      price: q?.bestBid ?? 0,
      sentAt: Date.now() - DAY_MS,
    }));
    // Today an order of the same code, side, quantity and price exists (placed by hand).
    e.server.exchange.placeOrder({ side: 'sell', code: '005930', qty: 5, type: 'limit', price: q?.bestBid ?? 0 });

    expect(await reconcileRecord(e.ctx, id)).toEqual({ kind: 'earlier-day', day: expect.any(String) });
    const rec = await e.ctx.ledger.get(id);
    expect(rec).toMatchObject({ state: 'unknown', orderNos: [] });
    expect(rec?.note).toMatchObject({ code: 'earlier-day-unsettled' });
    expect(e.server.exchange.orders().filter((o) => o.code === '005930')).toHaveLength(1);
  });
});
