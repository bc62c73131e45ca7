import { describe, expect, test } from 'vitest';
import { haltOrders } from '../../jobs/killSwitch.ts';
import { enqueueAmend, enqueueCancel, enqueueMarket } from '../../jobs/orderQueue.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { gaps } from '../kit/gaps.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { placedRecord } from '../kit/placedRecord.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

describe('amend, cancel and market follow-up through the order queue', () => {
  test('an amendment moves the open order to the new price under a new order number, once', async () => {
    env = await startEngineEnv();
    const e = env;
    const rec = await placedRecord(e);
    const to = rec.price + 200;
    await enqueueAmend(e.ctx, rec, to);
    await waitFor(
      async () => ((await e.ctx.ledger.get(rec.id ?? ''))?.amendments.length ?? 0) === 1,
      10_000,
      'amended',
    );
    // The same decision taken again from the stale record changes nothing.
    await enqueueAmend(e.ctx, rec, to);
    await new Promise((r) => setTimeout(r, 500));

    const after = await e.ctx.ledger.get(rec.id ?? '');
    expect(after?.orderNos).toHaveLength(2);
    expect(after?.price).toBe(to);
    expect(after?.amendments[0]).toMatchObject({
      fromOrderNo: rec.orderNo,
      toOrderNo: after?.orderNo,
      fromPrice: rec.price,
      toPrice: to,
      qty: 6,
    });
    const amendOrders = e.server.exchange.orders().filter((o) => o.kind === 'amend');
    expect(amendOrders).toHaveLength(1);
    expect(amendOrders[0]).toMatchObject({ orderNo: after?.orderNo, price: to });
    expect(await e.ctx.ledger.findByOrderNo(after?.orderNo ?? '')).toMatchObject({ id: rec.id });
    const amended = (await e.ctx.outbox.read()).find((x) => x.event.type === 'amended');
    expect(amended?.event).toMatchObject({ amendCount: 1, toPrice: to });
    expect(await ledgerVersusExchange(e)).toEqual([]);
    expect(Math.min(...gaps(e.orderRequestTimes()))).toBeGreaterThanOrEqual(150);
  });

  test('an amendment is not sent under the kill switch', async () => {
    env = await startEngineEnv();
    const e = env;
    const rec = await placedRecord(e);
    await haltOrders(e.ctx);
    await enqueueAmend(e.ctx, rec, rec.price + 100);
    await new Promise((r) => setTimeout(r, 500));
    expect(e.server.exchange.orders().filter((o) => o.kind === 'amend')).toHaveLength(0);
    expect((await e.ctx.ledger.get(rec.id ?? ''))?.amendments).toHaveLength(0);
  });

  test('a cancel closes the record as cancelled with what filled, and says so', async () => {
    env = await startEngineEnv();
    const e = env;
    const rec = await placedRecord(e);
    await enqueueCancel(e.ctx, rec, { code: 'amend-policy', attempts: 2 });
    const cancelledEvent = async () => (await e.ctx.outbox.read()).find((x) => x.event.type === 'cancelled');
    await waitFor(async () => (await cancelledEvent()) !== undefined, 10_000, 'the cancelled event');
    expect((await e.ctx.ledger.get(rec.id ?? ''))?.state).toBe('cancelled');
    expect(e.server.exchange.openOrders()).toHaveLength(0);
    const ev = await cancelledEvent();
    expect(ev?.event).toMatchObject({ qty: 6, cause: { code: 'amend-policy', attempts: 2 }, orderNo: rec.orderNo });
  });

  test('going to market cancels the rest and places it as a market order in a follow-up record', async () => {
    env = await startEngineEnv();
    const e = env;
    const rec = await placedRecord(e);
    await enqueueMarket(e.ctx, rec);
    const followId = `${rec.id}-m1`;
    await waitFor(async () => (await e.ctx.ledger.get(followId))?.state === 'open', 10_000, 'market follow-up placed');
    const original = await e.ctx.ledger.get(rec.id ?? '');
    const follow = await e.ctx.ledger.get(followId);
    expect(original?.state).toBe('cancelled');
    expect(follow).toMatchObject({ orderType: 'market', qty: 6, seq: 1, round: 1 });
    const market = e.server.exchange.orders().find((o) => o.orderNo === follow?.orderNo);
    expect(market).toMatchObject({ type: 'market', qty: 6, side: 'sell' });
    expect(await ledgerVersusExchange(e)).toEqual([]);
  });
});
