import { describe, expect, test } from 'vitest';
import { haltOrders, resumeOrders } from '../../jobs/killSwitch.ts';
import { enqueueMarket, enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { runPoll } from '../../jobs/pollJob.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { placedRecord } from '../kit/placedRecord.ts';
import { pollLifecycle } from '../kit/pollLifecycle.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

/**
 * Kiwoom acknowledges a cancel before the exchange has processed it: shares can fill in between (issue 7, item 1).
 * The paper exchange plays that with the fault `cancelAckBeforeEffect` (steps: 1): the cancel is answered at once,
 * the order stays open until the next matching event, which fills 2 shares (liquidity 2) and then cancels the rest.
 * The test lets that event happen only after the engine has read the broker's lists following the acknowledgement,
 * the moment the old code closed the record with the fills it saw then (none).
 */

let env: EngineEnv | undefined;
closeAfterEach(() => env);

const CODE = '005930';
const HELD = 400;

/** True once the executed list was read after the (first) cancel request arrived at the exchange. */
function listsReadAfterCancel(e: EngineEnv): boolean {
  const log = e.server.requestLog;
  const cancelAt = log.findIndex((r) => r.apiId === 'kt10003');
  return cancelAt >= 0 && log.slice(cancelAt + 1).some((r) => r.apiId === 'ka10076');
}

/** Shares of CODE sold at the exchange so far. */
function sold(e: EngineEnv): number {
  return HELD - (e.server.exchange.positions().find((p) => p.code === CODE)?.qty ?? 0);
}

/** One matching event at a price every resting sell of the test fills at. */
function fillSome(e: EngineEnv): void {
  e.server.exchange.setPrice(CODE, 75_000);
}

describe('a fill that lands while a cancel is in flight', () => {
  test('AMEND_POLICY=market: the follow-up sends only what did not fill, so a leg of 6 sells exactly 6', async () => {
    env = await startEngineEnv({ settleMs: 2_000 }, { liquidityPerStep: 2 });
    const e = env;
    const rec = await placedRecord(e, 6);
    e.server.faults.inject({ kind: 'cancelAckBeforeEffect', steps: 1 });
    await enqueueMarket(e.ctx, rec);
    await waitFor(() => listsReadAfterCancel(e), 15_000, 'the lists read after the cancel was acknowledged');
    // Between the acknowledgement and the cancel taking effect, 2 shares fill.
    e.server.faults.holdFills(false);
    fillSome(e);
    expect(e.server.exchange.order(rec.orderNo ?? '')).toMatchObject({ filledQty: 2, status: 'cancelled' });

    const followId = `${rec.id}-m1`;
    await waitFor(
      async () => {
        fillSome(e);
        await runPoll(pollLifecycle(e.ctx));
        return (await e.ctx.ledger.get(followId))?.state === 'filled';
      },
      20_000,
      'the market follow-up filled',
    );
    expect(sold(e)).toBe(6);
    expect(await e.ctx.ledger.get(rec.id ?? '')).toMatchObject({ state: 'cancelled', filledQty: 2 });
    expect(await e.ctx.ledger.get(followId)).toMatchObject({ qty: 4, filledQty: 4 });
    expect(await ledgerVersusExchange(e)).toEqual([]);
    e.server.exchange.assertInvariants();
  }, 60_000);

  test('a halt that cancels, then a resume: the last round is sized from the confirmed fills, 6 sold of 6', async () => {
    // A long interval, so that the second round is still waiting when the halt comes.
    env = await startEngineEnv({ settleMs: 2_000, orderIntervalMs: 1_500 }, { liquidityPerStep: 2 });
    const e = env;
    e.server.faults.holdFills(true);
    const planId = await savePlan(e, [leg(CODE, '삼성전자', 71_200, [3, 3])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    e.startWorker();
    const first = `${planId}-sell-${CODE}-r1`;
    const last = `${planId}-sell-${CODE}-r2`;
    await waitFor(async () => (await e.ctx.ledger.get(first))?.state === 'open', 10_000, 'round 1 open');
    e.server.faults.inject({ kind: 'cancelAckBeforeEffect', steps: 1 });
    await haltOrders(e.ctx, { cancelOpen: true, by: { via: 'chat', chatId: 1 } });
    await waitFor(() => listsReadAfterCancel(e), 15_000, 'the lists read after the cancel was acknowledged');
    e.server.faults.holdFills(false);
    fillSome(e);
    const r1 = e.server.exchange.order((await e.ctx.ledger.get(first))?.orderNo ?? '');
    expect(r1).toMatchObject({ filledQty: 2, status: 'cancelled' });
    expect((await e.ctx.ledger.get(last))?.state).toBe('queued');

    await resumeOrders(e.ctx);
    await waitFor(
      async () => {
        fillSome(e);
        await runPoll(pollLifecycle(e.ctx));
        return (await e.ctx.ledger.get(last))?.state === 'filled';
      },
      20_000,
      'the last round filled',
    );
    expect(sold(e)).toBe(6);
    expect(await e.ctx.ledger.get(first)).toMatchObject({ state: 'cancelled', filledQty: 2 });
    expect(await e.ctx.ledger.get(last)).toMatchObject({ qty: 4, filledQty: 4 });
    expect(await ledgerVersusExchange(e)).toEqual([]);
  }, 60_000);
});
