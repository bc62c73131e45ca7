import { describe, expect, test } from 'vitest';
import { enqueuePhaseStart } from '../../jobs/controlQueue.ts';
import type { CronLike } from '../../jobs/PhaseScheduler.ts';
import { phaseStartJobId } from '../../jobs/phaseStartJobId.ts';
import { kstDate } from '../../src/domain/tradingCalendar.ts';
import type { Plan } from '../../src/domain/types.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { ORDER_API_IDS } from '../kit/orderApiIds.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';

const CODE = '005930';
const account = {
  deposit: 1_000_000,
  positions: [{ code: CODE, name: '삼성전자', qty: 20, price: 71_200 }],
  quotes: [],
};
const plan: Plan = {
  sells: [
    { code: CODE, name: '삼성전자', price: 71_200, qty: 4, rounds: [2, 2], heldQty: 20, targetValue: 0, targetPct: 0 },
  ],
  buys: [],
  excluded: [],
  projected: { weights: {}, cash: 0 },
  totalValue: 2_424_000,
  estimatedCosts: 0,
};

let bench: Bench | undefined;
closeAfterEach(() => bench);

/** A cron that fires only when told to, with the date given. */
function manualCron() {
  const tasks: Array<{ expression: string; fire: (date: Date) => unknown }> = [];
  const cron: CronLike = {
    validate: () => true,
    schedule(expression, fn) {
      tasks.push({ expression, fire: (date) => fn({ date }) });
      return { stop: () => {}, destroy: () => {}, getNextRun: () => null };
    },
  };
  return { cron, tasks };
}

const orderRequests = (b: Bench) => b.paper.requestLog.filter((r) => ORDER_API_IDS.has(r.apiId));

describe('Engine', () => {
  test('stop waits for the order in flight: it is answered and recorded before stop resolves', async () => {
    bench = await startBench(account);
    const b = bench;
    b.paper.faults.setLatency(400);
    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan);
    await engine.runNow();
    await waitFor('the first order request to arrive', async () => (orderRequests(b).length > 0 ? true : undefined));
    await engine.stop();
    const records = await engine.orders.ledger.listByPlan(planId);
    const sent = records.filter((r) => r.orderNos.length > 0);
    expect(sent).toHaveLength(1);
    expect(['open', 'partial', 'filled']).toContain(sent[0]?.state);
    expect(records.some((r) => r.state === 'sending' || r.state === 'unknown')).toBe(false);
    expect(orderRequests(b)).toHaveLength(1);
  });

  test('the cron starts the sell phase on a trading day and does nothing on a holiday', async () => {
    bench = await startBench(account);
    const b = bench;
    const { cron, tasks } = manualCron();
    const engine = b.engine({ phaseTimes: { sell: '09:10', buy: '09:40' }, cron });
    await engine.start();
    const planId = await engine.approve(plan);
    expect(tasks.map((t) => t.expression)).toEqual(['0 10 9 * * 1-5', '0 40 9 * * 1-5']);

    await tasks[0]?.fire(new Date('2026-05-05T09:10:00+09:00')); // Children's Day: closed
    await new Promise((r) => setTimeout(r, 3 * b.config.POLL_INTERVAL_MS));
    expect(await engine.orders.plans.getPhase(planId, 'sell')).toBe('pending');
    expect(orderRequests(b)).toEqual([]);

    await tasks[0]?.fire(new Date('2026-05-06T09:10:00+09:00'));
    await tasks[0]?.fire(new Date('2026-05-06T09:10:00+09:00')); // a second firing the same day changes nothing
    await waitFor('the sell phase to end', async () =>
      (await engine.orders.plans.getPhase(planId, 'sell')) === 'done' ? true : undefined,
    );
    const started = (await b.events()).filter((e) => e.event.type === 'phase-started');
    expect(started).toHaveLength(1);
    expect(orderRequests(b)).toHaveLength(2);
    // The buy phase waits for its own time.
    expect(await engine.orders.plans.getPhase(planId, 'buy')).toBe('pending');
    await tasks[1]?.fire(new Date('2026-05-06T09:40:00+09:00'));
    await waitFor('the plan to be done', async () => ((await engine.status()).plan === undefined ? true : undefined));
    expect((await b.events()).map((e) => e.event.type)).toContain('plan-done');
  });

  test('while the kill switch is thrown, run now starts nothing; after resume and run now the plan runs to the end', async () => {
    bench = await startBench(account);
    const b = bench;
    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan);
    await engine.halt({ by: { via: 'chat', chatId: 7 } });
    await engine.runNow();
    await new Promise((r) => setTimeout(r, 3 * b.config.POLL_INTERVAL_MS));
    expect(orderRequests(b)).toEqual([]);
    expect((await engine.status()).halted?.by).toEqual({ via: 'chat', chatId: 7 });
    expect(await engine.orders.plans.getPhase(planId, 'sell')).toBe('pending');

    await engine.resume();
    expect((await engine.status()).plan?.status).toBe('active');
    await engine.runNow();
    await waitFor('the plan to be done', async () => ((await engine.status()).plan === undefined ? true : undefined));
    expect(orderRequests(b)).toHaveLength(2);
    expect(b.paper.exchange.positions()[0]?.qty).toBe(16);
  });

  test('a phase start that found the plan halted starts it after resume when run again the same day', async () => {
    bench = await startBench(account);
    const b = bench;
    const engine = b.engine();
    await engine.start();
    const planId = await engine.approve(plan);
    await engine.halt({ by: { via: 'chat', chatId: 7 } });
    const date = kstDate(new Date());
    expect(await enqueuePhaseStart(engine.control, planId, 'sell', date)).toBe(true);
    const job = await waitFor('the halted phase start to finish', async () => {
      const j = await engine.control.getJob(phaseStartJobId(planId, 'sell', date));
      return j !== undefined && (await j.getState()) === 'completed' ? j : undefined;
    });
    expect(job.returnvalue).toEqual({ phase: 'not-active' });
    expect(await engine.orders.plans.getPhase(planId, 'sell')).toBe('pending');

    await engine.resume();
    await engine.runNow();
    await waitFor('the sell phase to end', async () =>
      (await engine.orders.plans.getPhase(planId, 'sell')) === 'done' ? true : undefined,
    );
    expect(orderRequests(b)).toHaveLength(2);
  });
});
