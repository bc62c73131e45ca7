import { describe, expect, test } from 'vitest';
import type { EngineEvent } from '../../src/domain/EngineEvent.ts';
import type { LedgerRecord } from '../../src/domain/LedgerRecord.ts';
import { isOnTick } from '../../src/domain/ticks.ts';
import type { Plan } from '../../src/domain/types.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';

const CODE = '005930';
const account = {
  deposit: 1_000_000,
  positions: [{ code: CODE, name: '삼성전자', qty: 20, price: 71_200 }],
  quotes: [],
};

/** A plan that sells 10 shares of 005930 in one round and buys nothing. */
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

type Amended = Extract<EngineEvent, { type: 'amended' }>;

async function eventsOf<T extends EngineEvent['type']>(
  b: Bench,
  type: T,
): Promise<Array<Extract<EngineEvent, { type: T }>>> {
  return (await b.events()).map((e) => e.event).filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);
}

async function sellRecord(b: Bench, planId: string): Promise<LedgerRecord> {
  const [rec] = await new OrderLedger(b.redis, b.accountId).listByPlan(planId, 'sell');
  if (rec === undefined) throw new Error('no sell record');
  return rec;
}

/**
 * Places the one sell with fills held, then moves the price down before each amendment so every amendment has a
 * new best bid to go to: 71,200 -> 70,000 (bid 69,900) -> 69,000 (bid 68,900). Returns the plan id once two
 * amendments are recorded.
 */
async function runTwoAmendments(b: Bench): Promise<string> {
  b.paper.faults.holdFills(true);
  const engine = b.engine();
  await engine.start();
  const planId = await engine.approve(plan);
  await engine.runNow();
  await waitFor('the sell to be placed', async () =>
    (await eventsOf(b, 'order-placed')).length > 0 ? true : undefined,
  );
  b.paper.exchange.setPrice(CODE, 70_000);
  await waitFor('the first amendment', async () => ((await eventsOf(b, 'amended')).length >= 1 ? true : undefined));
  b.paper.exchange.setPrice(CODE, 69_000);
  await waitFor('the second amendment', async () => ((await eventsOf(b, 'amended')).length >= 2 ? true : undefined));
  return planId;
}

function expectAmendedOncePerDelay(b: Bench, rec: LedgerRecord, amended: readonly Amended[]): void {
  const delay = b.config.AMEND_AFTER_MS;
  expect(amended.map((e) => [e.amendCount, e.toPrice])).toEqual([
    [1, 69_900],
    [2, 68_900],
  ]);
  const quote = b.paper.exchange.quote(CODE);
  for (const e of amended) {
    expect(isOnTick(e.toPrice)).toBe(true);
    expect(e.toPrice).toBeGreaterThanOrEqual(quote?.lowerLimit ?? Number.POSITIVE_INFINITY);
    expect(e.toPrice).toBeLessThanOrEqual(quote?.upperLimit ?? 0);
  }
  // Each amendment came at least one delay after the placement or the amendment before it.
  expect(rec.amendments).toHaveLength(2);
  const clocks = [rec.sentAt ?? 0, ...rec.amendments.map((a) => a.at)];
  for (let i = 1; i < clocks.length; i++) expect((clocks[i] ?? 0) - (clocks[i - 1] ?? 0)).toBeGreaterThanOrEqual(delay);
  // The ledger's chain of order numbers is the exchange's amend chain.
  const orders = b.paper.exchange.orders().filter((o) => rec.orderNos.includes(o.orderNo));
  expect(orders.map((o) => o.price)).toEqual([71_100, 69_900, 68_900]);
  expect(orders.slice(1).map((o) => o.origOrderNo)).toEqual(rec.orderNos.slice(0, 2));
}

describe('an order left unfilled', () => {
  test('is amended to the new best bid after the delay, once per delay, with an event each time; then kept (AMEND_POLICY=keep)', async () => {
    bench = await startBench(account, { MAX_AMENDS: '2', AMEND_POLICY: 'keep' });
    const b = bench;
    const planId = await runTwoAmendments(b);
    b.paper.exchange.setPrice(CODE, 68_000);
    // Three more delays: the amendments are used up and the policy keeps the order where it is.
    await new Promise((r) => setTimeout(r, 3 * b.config.AMEND_AFTER_MS));
    const rec = await sellRecord(b, planId);
    expectAmendedOncePerDelay(b, rec, await eventsOf(b, 'amended'));
    expect(rec.state).toBe('open');
    expect(b.paper.exchange.openOrders().map((o) => [o.orderNo, o.price])).toEqual([[rec.orderNo, 68_900]]);
    expect(await eventsOf(b, 'cancelled')).toEqual([]);
  });

  test('is cancelled one delay after the last amendment (AMEND_POLICY=cancel), and the phase ends', async () => {
    bench = await startBench(account, { MAX_AMENDS: '2', AMEND_POLICY: 'cancel' });
    const b = bench;
    const planId = await runTwoAmendments(b);
    const [cancelled] = await waitFor('the cancel', async () => {
      const c = await eventsOf(b, 'cancelled');
      return c.length > 0 ? c : undefined;
    });
    expect(cancelled?.qty).toBe(10);
    const rec = await sellRecord(b, planId);
    expectAmendedOncePerDelay(b, rec, await eventsOf(b, 'amended'));
    expect(rec.state).toBe('cancelled');
    expect(b.paper.exchange.openOrders()).toEqual([]);
    const cancelAt = b.paper.exchange.cancellations()[0]?.at ?? 0;
    expect(cancelAt - (rec.amendments[1]?.at ?? Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(
      b.config.AMEND_AFTER_MS,
    );
    const [ended] = await waitFor('the sell phase to end', async () => {
      const e = await eventsOf(b, 'phase-ended');
      return e.length > 0 ? e : undefined;
    });
    expect(ended?.summary).toMatchObject({ side: 'sell', legs: 1, legsDone: 0, shares: 0 });
  });

  test('goes to market one delay after the last amendment (AMEND_POLICY=market) and the rest fills', async () => {
    bench = await startBench(account, { MAX_AMENDS: '2', AMEND_POLICY: 'market' });
    const b = bench;
    const planId = await runTwoAmendments(b);
    await waitFor('the cancel of the limit order', async () =>
      (await eventsOf(b, 'cancelled')).length > 0 ? true : undefined,
    );
    b.paper.faults.holdFills(false);
    await waitFor('the plan to be done', async () => ((await eventsOf(b, 'plan-done')).length > 0 ? true : undefined));
    const records = await new OrderLedger(b.redis, b.accountId).listByPlan(planId, 'sell');
    expect(records.map((r) => [r.seq ?? 0, r.state, r.orderType, r.filledQty])).toEqual([
      [0, 'cancelled', 'limit', 0],
      [1, 'filled', 'market', 10],
    ]);
    const rec = records[0] as LedgerRecord;
    expectAmendedOncePerDelay(b, rec, await eventsOf(b, 'amended'));
    const market = b.paper.exchange.orders().find((o) => o.type === 'market');
    expect(market).toMatchObject({ side: 'sell', qty: 10, filledQty: 10 });
    expect(b.paper.exchange.positions().find((p) => p.code === CODE)?.qty).toBe(10);
  });

  test('at an unchanged price sends no amendment, but each due check counts, so the policy still applies after MAX_AMENDS checks', async () => {
    bench = await startBench(account, { MAX_AMENDS: '2', AMEND_POLICY: 'cancel' });
    const b = bench;
    b.paper.faults.holdFills(true);
    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan);
    await engine.runNow();
    await waitFor('the sell to be placed', async () =>
      (await eventsOf(b, 'order-placed')).length > 0 ? true : undefined,
    );
    const [cancelled] = await waitFor('the cancel', async () => {
      const c = await eventsOf(b, 'cancelled');
      return c.length > 0 ? c : undefined;
    });
    expect(b.paper.requestLog.filter((r) => r.apiId === 'kt10002')).toEqual([]);
    expect(await eventsOf(b, 'amended')).toEqual([]);
    expect(cancelled?.cause).toEqual({ code: 'amend-policy', attempts: 2 });
    const rec = await sellRecord(b, planId);
    expect(rec.state).toBe('cancelled');
    expect(rec.amendments).toEqual([]);
    expect(rec.amendChecks?.map((c) => c.price)).toEqual([rec.price, rec.price]);
    // One delay between the placement, each check and the cancel.
    const delay = b.config.AMEND_AFTER_MS;
    const times = [rec.lastPlacedAt ?? 0, ...(rec.amendChecks ?? []).map((c) => c.at)];
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(delay);
    const cancelAt = b.paper.exchange.cancellations()[0]?.at ?? 0;
    expect(cancelAt - (times[2] ?? Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(delay);
  });

  test('polls that run at the same time (BullMQ delivers at least once) amend it once', async () => {
    // The scheduler polls at start and then not for a minute: the polls here are the test's own.
    bench = await startBench(account, { POLL_INTERVAL_MS: '60000', MAX_AMENDS: '3' });
    const b = bench;
    b.paper.faults.holdFills(true);
    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan);
    await engine.runNow();
    await waitFor('the sell phase to start', async () =>
      (await engine.orders.plans.getPhase(planId, 'sell')) === 'running' ? true : undefined,
    );
    await engine.pollNow();
    await waitFor('the sell to be placed', async () =>
      (await eventsOf(b, 'order-placed')).length > 0 ? true : undefined,
    );
    b.paper.exchange.setPrice(CODE, 70_000);
    await new Promise((r) => setTimeout(r, b.config.AMEND_AFTER_MS));
    const reports = await Promise.all([engine.pollNow(), engine.pollNow(), engine.pollNow()]);
    expect(reports.reduce((n, r) => n + r.amends, 0)).toBeGreaterThanOrEqual(1);
    await waitFor('the amendment', async () => ((await eventsOf(b, 'amended')).length > 0 ? true : undefined));
    await engine.pollNow();
    await new Promise((r) => setTimeout(r, 3 * b.config.ORDER_INTERVAL_MS));
    expect(b.paper.requestLog.filter((r) => r.apiId === 'kt10002')).toHaveLength(1);
    expect((await eventsOf(b, 'amended')).map((e) => e.toPrice)).toEqual([69_900]);
  });

  test('polls that run at the same time record one unchanged check per delay', async () => {
    bench = await startBench(account, { POLL_INTERVAL_MS: '60000', MAX_AMENDS: '3' });
    const b = bench;
    b.paper.faults.holdFills(true);
    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan);
    await engine.runNow();
    await waitFor('the sell phase to start', async () =>
      (await engine.orders.plans.getPhase(planId, 'sell')) === 'running' ? true : undefined,
    );
    await engine.pollNow();
    await waitFor('the sell to be placed', async () =>
      (await eventsOf(b, 'order-placed')).length > 0 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, b.config.AMEND_AFTER_MS));
    const reports = await Promise.all([engine.pollNow(), engine.pollNow(), engine.pollNow()]);
    expect(reports.reduce((n, r) => n + r.unchanged, 0)).toBe(1);
    // Not due again until one more delay has passed.
    expect((await engine.pollNow()).unchanged).toBe(0);
    expect((await sellRecord(b, planId)).amendChecks).toHaveLength(1);
  });
});
