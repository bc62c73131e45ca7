import { describe, expect, test } from 'vitest';
import type { Broker } from '../../src/broker/Broker.ts';
import { TransientError } from '../../src/broker/errors/TransientError.ts';
import type { LedgerRecord } from '../../src/domain/LedgerRecord.ts';
import { planRebalance } from '../../src/domain/planRebalance.ts';
import { isOnTick } from '../../src/domain/ticks.ts';
import { trackingError } from '../../src/domain/trackingError.ts';
import type { Plan, RebalanceSettings } from '../../src/domain/types.ts';
import type { PaperAccountFile } from '../../src/paper/PaperAccountFile.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { ORDER_API_IDS } from '../kit/orderApiIds.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';

const account: PaperAccountFile = {
  deposit: 2_000_000,
  positions: [
    { code: '005930', name: '삼성전자', qty: 100, price: 71_200 },
    { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
    { code: '123450', name: '저가주', qty: 100, price: 1_000 },
  ],
  quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
};

const settings: RebalanceSettings = {
  weights: { '005930': 40, '000660': 30, '373220': 20 },
  excluded: [],
  added: ['373220'],
  cashPct: 5,
  sellSplit: 3,
  buySplit: 2,
  sellEnabled: true,
  buyEnabled: true,
};

let bench: Bench | undefined;
closeAfterEach(() => bench);

describe('a whole rebalance against the paper exchange', () => {
  test('sells, waits for the sells, re-sizes and buys, and lands on the plan targets with paced, matching orders', async () => {
    bench = await startBench(account);
    const b = bench;
    const snapshot = await b.broker.getAccount();
    const plan: Plan = planRebalance({
      account: {
        deposit: snapshot.orderableCash,
        positions: snapshot.positions.map((p) => ({ code: p.code, name: p.name, qty: p.qty, price: p.price })),
      },
      quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
      settings,
    });
    expect(plan.sells.length).toBeGreaterThan(0);
    expect(plan.buys.length).toBeGreaterThan(0);

    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan, { settings });
    await engine.runNow();

    await waitFor('the plan to be done', async () => {
      const events = await b.events();
      return events.some((e) => e.event.type === 'plan-done') ? true : undefined;
    });
    const events = (await b.events()).map((e) => e.event);

    // Phases in order: sell started, buy waiting, sell ended, buy started, buy ended, plan done.
    const phaseEvents = events
      .filter((e) => ['phase-started', 'phase-waiting', 'phase-ended', 'plan-done'].includes(e.type))
      .map((e) => ('side' in e ? `${e.type}:${e.side}` : e.type));
    expect(phaseEvents).toEqual([
      'phase-started:sell',
      'phase-waiting:buy',
      'phase-ended:sell',
      'phase-started:buy',
      'phase-ended:buy',
      'plan-done',
    ]);

    // No buy order was placed before the last sell filled.
    const placed = events.filter((e) => e.type === 'order-placed');
    const firstBuy = events.findIndex((e) => e.type === 'order-placed' && e.side === 'buy');
    const sellEnd = events.findIndex((e) => e.type === 'phase-ended' && e.side === 'sell');
    expect(firstBuy).toBeGreaterThan(sellEnd);

    // Final holdings equal the targets: held - sold + bought per code, with the buy legs as re-sized at buy time,
    // and the re-size takes little off the plan (prices moved one tick between plan and buy): never more than
    // planned, and under 1% of the account's value in all (cheap shares, not a share of the dearest leg).
    const stored = await engine.orders.plans.get(planId);
    const buys = stored?.plan.buys ?? [];
    let resizedAway = 0;
    for (const leg of buys) {
      const planned = plan.buys.find((l) => l.code === leg.code);
      expect(planned).toBeDefined();
      expect((planned?.qty ?? 0) - leg.qty).toBeGreaterThanOrEqual(0);
      resizedAway += ((planned?.qty ?? 0) - leg.qty) * leg.price;
    }
    expect(resizedAway).toBeLessThan(plan.totalValue / 100);
    const expected = new Map<string, number>();
    for (const p of account.positions) expected.set(p.code, p.qty);
    for (const leg of plan.sells) expected.set(leg.code, (expected.get(leg.code) ?? 0) - leg.qty);
    for (const leg of buys) expected.set(leg.code, (expected.get(leg.code) ?? 0) + leg.qty);
    const held = new Map(b.paper.exchange.positions().map((p) => [p.code, p.qty]));
    for (const [code, qty] of expected) expect([code, held.get(code) ?? 0]).toEqual([code, qty]);

    // Every ledger record matches the exchange's orders one to one.
    const records = await engine.orders.ledger.listByPlan(planId);
    const orders = b.paper.exchange.orders();
    const owner = new Map<string, LedgerRecord>();
    for (const r of records) {
      expect(['filled', 'skipped']).toContain(r.state);
      for (const no of r.orderNos) {
        expect(owner.has(no)).toBe(false);
        owner.set(no, r);
      }
      const mine = orders.filter((o) => r.orderNos.includes(o.orderNo));
      expect(mine).toHaveLength(r.orderNos.length);
      expect(mine.every((o) => o.code === r.code && o.side === r.side)).toBe(true);
      expect(mine.reduce((s, o) => s + o.filledQty, 0)).toBe(r.filledQty);
      expect(mine.reduce((s, o) => s + o.filledValue, 0)).toBe(r.filledValue);
      expect(mine.reduce((s, o) => s + o.commission, 0)).toBe(r.commission);
      expect(mine.reduce((s, o) => s + o.tax, 0)).toBe(r.tax);
    }
    expect(orders.every((o) => owner.has(o.orderNo))).toBe(true);
    expect(placed).toHaveLength(orders.length);

    // Order requests never came closer together than the interval.
    const times = b.paper.requestLog.filter((r) => ORDER_API_IDS.has(r.apiId)).map((r) => r.at);
    expect(times.length).toBe(orders.length);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(b.config.ORDER_INTERVAL_MS);

    // The summaries add up to the ledger.
    const sellEnded = events.find((e) => e.type === 'phase-ended' && e.side === 'sell');
    expect(sellEnded?.type === 'phase-ended' ? sellEnded.summary.shares : -1).toBe(
      plan.sells.reduce((s, l) => s + l.qty, 0),
    );

    // Each phase's summary is followed by its post-trade report, the sell report before any buy starts.
    expect(
      events
        .filter((e) => ['phase-started', 'phase-ended', 'report', 'report-missing', 'plan-done'].includes(e.type))
        .map((e) => ('side' in e ? `${e.type}:${e.side}` : e.type)),
    ).toEqual([
      'phase-started:sell',
      'phase-ended:sell',
      'report:sell',
      'phase-started:buy',
      'phase-ended:buy',
      'report:buy',
      'plan-done',
    ]);
    const reports = events.filter((e) => e.type === 'report');
    const sellReport = reports.find((e) => e.side === 'sell')?.report;
    const buyReport = reports.find((e) => e.side === 'buy')?.report;

    // After the sells: the holdings less the sold shares, and the deposit plus what the sells brought in.
    const sellOrders = orders.filter((o) => o.side === 'sell');
    expect(sellReport?.cash).toBe(
      account.deposit + sellOrders.reduce((s, o) => s + o.filledValue - o.commission - o.tax, 0),
    );
    for (const p of account.positions) {
      const sold = plan.sells.find((l) => l.code === p.code)?.qty ?? 0;
      expect([p.code, sellReport?.byCode.find((c) => c.code === p.code)?.qty]).toEqual([p.code, p.qty - sold]);
    }
    expect(sellReport?.byCode.find((c) => c.code === '373220')).toMatchObject({ qty: 0, weightPct: 0, targetPct: 20 });

    // After the buys: exactly the exchange's final positions and cash, weighed against the settings' targets.
    const cash = b.paper.exchange.orderableCash();
    expect(cash).toBe(b.paper.exchange.cash());
    const final = b.paper.exchange.positions();
    const total = cash + final.reduce((s, p) => s + p.qty * p.price, 0);
    const targets: Record<string, number> = { '005930': 40, '000660': 30, '373220': 20, '123450': 5 };
    expect(buyReport?.cash).toBe(cash);
    expect(buyReport?.totalValue).toBe(total);
    expect(buyReport?.planTotalValue).toBe(plan.totalValue);
    expect(buyReport?.cashWeightPct).toBe((100 * cash) / total);
    expect(buyReport?.cashTargetPct).toBe(5);
    expect(buyReport?.byCode.map((c) => c.code).sort()).toEqual(Object.keys(targets).sort());
    for (const p of final) {
      const weightPct = (100 * p.qty * p.price) / total;
      expect(buyReport?.byCode.find((c) => c.code === p.code)).toEqual({
        code: p.code,
        name: p.name,
        qty: p.qty,
        value: p.qty * p.price,
        weightPct,
        targetPct: targets[p.code],
        diffPct: weightPct - (targets[p.code] ?? Number.NaN),
      });
    }
    expect(buyReport?.trackingError).toBe(
      trackingError(
        final.map((p) => ({ value: p.qty * p.price, targetPct: targets[p.code] ?? Number.NaN })),
        { value: cash, targetPct: 5 },
      ),
    );
    // The plan beat its starting point: the account ends within a few points of its targets.
    expect(buyReport?.trackingError).toBeLessThan(2);
    b.paper.exchange.assertInvariants();
  });

  test('with moving prices and partial fills, amends and goes to market as needed and still lands on the targets', async () => {
    // Prices step every 100 ms and one matching event fills at most 40 shares: orders rest, fill in parts and get
    // amended; after 2 amendments the rest goes to market, so every leg completes.
    bench = await startBench(
      account,
      { MAX_AMENDS: '2', AMEND_POLICY: 'market' },
      { autoStepMs: 100, liquidityPerStep: 40 },
    );
    const b = bench;
    const snapshot = await b.broker.getAccount();
    const plan = planRebalance({
      account: {
        deposit: snapshot.orderableCash,
        positions: snapshot.positions.map((p) => ({ code: p.code, name: p.name, qty: p.qty, price: p.price })),
      },
      quotes: [{ code: '373220', name: 'LG에너지솔루션', price: (await b.broker.getQuote('373220')).price }],
      settings,
    });
    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan, { settings });
    await engine.runNow();
    await waitFor(
      'the plan to be done',
      async () => ((await b.events()).some((e) => e.event.type === 'plan-done') ? true : undefined),
      40_000,
    );
    const events = (await b.events()).map((e) => e.event);
    const stored = await engine.orders.plans.get(planId);
    const expected = new Map<string, number>();
    for (const p of snapshot.positions) expected.set(p.code, p.qty);
    for (const leg of plan.sells) expected.set(leg.code, (expected.get(leg.code) ?? 0) - leg.qty);
    for (const leg of stored?.plan.buys ?? []) expected.set(leg.code, (expected.get(leg.code) ?? 0) + leg.qty);
    const held = new Map(b.paper.exchange.positions().map((p) => [p.code, p.qty]));
    for (const [code, qty] of expected) expect([code, held.get(code) ?? 0]).toEqual([code, qty]);

    // Partial fills were reported one event per new part, and they add up to the ledger.
    const records = await engine.orders.ledger.listByPlan(planId);
    const fills = events.filter((e) => e.type === 'fill');
    expect(fills.reduce((n, e) => n + (e.type === 'fill' ? e.qty : 0), 0)).toBe(
      records.reduce((n, r) => n + r.filledQty, 0),
    );
    const owned = records.flatMap((r) => r.orderNos);
    expect(
      b.paper.exchange
        .orders()
        .map((o) => o.orderNo)
        .sort(),
    ).toEqual([...owned].sort());
    for (const a of events.filter((e) => e.type === 'amended')) {
      expect(a.type === 'amended' && isOnTick(a.toPrice)).toBe(true);
    }
    const times = b.paper.requestLog.filter((r) => ORDER_API_IDS.has(r.apiId)).map((r) => r.at);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(b.config.ORDER_INTERVAL_MS);
    b.paper.exchange.assertInvariants();
  });

  test('when the account cannot be read after a phase, the phase still ends with its summary and the report is marked missing', async () => {
    bench = await startBench({
      deposit: 0,
      positions: [
        { code: '005930', name: '삼성전자', qty: 20, price: 71_200 },
        { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
      ],
      quotes: [],
    });
    const b = bench;
    const small: RebalanceSettings = {
      ...settings,
      weights: { '005930': 30, '000660': 50 },
      added: [],
      cashPct: 20,
      sellSplit: 1,
      buySplit: 1,
    };
    const snapshot = await b.broker.getAccount();
    const plan = planRebalance({
      account: { deposit: snapshot.orderableCash, positions: snapshot.positions },
      quotes: [],
      settings: small,
    });
    expect(plan.sells.length).toBeGreaterThan(0);
    // The engine's first account query is the sell report's (the buy start's comes after it): that one fails.
    const engine = b.engine({ broker: failingAccountQueries(b.broker, new Set([1])) });
    await engine.start();
    await engine.approve(plan, { settings: small });
    await engine.runNow();
    await waitFor('the plan to be done', async () =>
      (await b.events()).some((e) => e.event.type === 'plan-done') ? true : undefined,
    );
    const events = (await b.events()).map((e) => e.event);
    expect(
      events
        .filter((e) => ['phase-started', 'phase-ended', 'report', 'report-missing', 'plan-done'].includes(e.type))
        .map((e) => ('side' in e ? `${e.type}:${e.side}` : e.type)),
    ).toEqual([
      'phase-started:sell',
      'phase-ended:sell',
      'report-missing:sell',
      'phase-started:buy',
      'phase-ended:buy',
      'report:buy',
      'plan-done',
    ]);
    const missing = events.find((e) => e.type === 'report-missing');
    expect(missing?.type === 'report-missing' ? missing.reason : '').toContain('account query failed');
    const ended = events.find((e) => e.type === 'phase-ended' && e.side === 'sell');
    expect(ended?.type === 'phase-ended' ? ended.summary.shares : -1).toBe(plan.sells.reduce((n, l) => n + l.qty, 0));
    const report = events.find((e) => e.type === 'report');
    expect(report?.type === 'report' ? report.report.cash : -1).toBe(b.paper.exchange.orderableCash());
  });
});

/** The broker with the account queries numbered in `failing` (1 = the first) failing as a network error would. */
function failingAccountQueries(broker: Broker, failing: ReadonlySet<number>): Broker {
  let calls = 0;
  return {
    getAccount: async () => {
      calls += 1;
      if (failing.has(calls)) throw new TransientError('account query failed: connection reset (test)');
      return broker.getAccount();
    },
    getQuote: (code) => broker.getQuote(code),
    placeOrder: (order) => broker.placeOrder(order),
    amendOrder: (amend) => broker.amendOrder(amend),
    cancelOrder: (cancel) => broker.cancelOrder(cancel),
    getOpenOrders: () => broker.getOpenOrders(),
    getExecutions: () => broker.getExecutions(),
  };
}
