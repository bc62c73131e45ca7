import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { recoverLedger } from '../../jobs/recoverLedger.ts';
import { legPlacedQty } from '../../src/domain/remainingLegQty.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { gaps } from '../kit/gaps.ts';
import { ledgerVersusExchange } from '../kit/ledgerVersusExchange.ts';
import { leg } from '../kit/leg.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

/** Kills the worker process if it still runs, and waits until it is gone. */
async function killWorker(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = once(proc, 'exit');
  proc.kill('SIGKILL');
  await exited;
}

let env: EngineEnv | undefined;
let child: ChildProcess | undefined;
// A worker process still running would keep writing to the keys the cleanup deletes: it is gone before they go.
closeAfterEach(
  () => {
    const proc = child;
    return proc && { close: () => killWorker(proc) };
  },
  () => env,
);

const INTERVAL = 150;
const SETTLE = 300;

describe('a worker killed in the middle of a plan', () => {
  test('a new worker on the same Redis finishes the plan with no order placed twice and none lost', async () => {
    env = await startEngineEnv({ orderIntervalMs: INTERVAL, settleMs: SETTLE });
    const e = env;
    // Answers take 60 ms, so the kill lands while an order request is in flight.
    e.server.faults.setLatency(60);
    e.server.faults.holdFills(true);
    const legs = [
      leg('005930', '삼성전자', 71_200, [5, 5, 5, 5]),
      leg('000660', 'SK하이닉스', 198_500, [2, 2, 2, 2]),
      leg('035720', '카카오', 41_000, [10, 10, 10, 10]),
    ];
    const planId = await savePlan(e, legs);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');

    const proc = spawn(process.execPath, ['--import', 'tsx', 'test/jobs/fixtures/orderWorkerProcess.ts'], {
      env: {
        ...process.env,
        ACCOUNT_ID: e.accountId,
        BULL_PREFIX: e.ctx.prefix,
        PAPER_URL: e.server.url,
        INTERVAL_MS: String(INTERVAL),
        SETTLE_MS: String(SETTLE),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = proc;
    // Kill it the moment its 4th order request reaches the exchange: the answer is still on its way.
    await waitFor(() => e.orderRequestTimes().length >= 4, 20_000, 'four orders from the first worker');
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    const atKill = await e.ctx.ledger.listByPlan(planId);
    expect(atKill.some((r) => r.state === 'sending')).toBe(true);

    const summary = await recoverLedger(e.ctx, planId);
    expect(summary.found).toBe(1);
    e.startWorker({ lockDurationMs: 1_000, stalledIntervalMs: 500 });
    await waitFor(() => allSent(e, planId), 30_000, 'the plan finished by the second worker');

    const records = await e.ctx.ledger.listByPlan(planId);
    expect(records).toHaveLength(12);
    expect(records.every((r) => r.state === 'open')).toBe(true);
    expect(e.server.exchange.orders()).toHaveLength(12);
    expect(await ledgerVersusExchange(e)).toEqual([]);
    for (const l of legs) {
      expect(legPlacedQty(records.filter((r) => r.code === l.code))).toBe(l.qty);
    }
    expect(Math.min(...gaps(e.orderRequestTimes()))).toBeGreaterThanOrEqual(INTERVAL);
  });
});
