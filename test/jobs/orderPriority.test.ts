import { describe, expect, test } from 'vitest';
import { enqueueAmend, enqueueMarket, enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import type { LedgerRecord } from '../../src/domain/LedgerRecord.ts';
import { allSent } from '../kit/allSent.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { gaps } from '../kit/gaps.ts';
import { leg } from '../kit/leg.ts';
import { ORDER_API_IDS } from '../kit/orderApiIds.ts';
import { savePlan } from '../kit/savePlan.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

const INTERVAL = 150;

/** Order requests the exchange received, as `{api-id} {code}`, in arrival order. */
function orderRequests(e: EngineEnv): string[] {
  return e.server.requestLog
    .filter((r) => ORDER_API_IDS.has(r.apiId))
    .map((r) => `${r.apiId} ${String((r.body as Record<string, unknown>).stk_cd)}`);
}

describe('order queue priorities', () => {
  test('amend, cancel and market requests overtake waiting place jobs, which keep round-major order, all paced', async () => {
    // Settle time 0: the market job's cancel is confirmed as soon as its order is gone from the open list (nothing
    // filled, so only the settle time can confirm it), and its follow-up is created right after it.
    env = await startEngineEnv({ orderIntervalMs: INTERVAL, settleMs: 0 });
    const e = env;
    e.server.faults.holdFills(true);
    // Two open orders to amend and to send to market.
    const first = await savePlan(e, [leg('005930', '삼성전자', 71_200, [5, 5])]);
    await enqueuePhaseRounds(e.ctx, first, 'sell');
    const w = e.startWorker();
    await waitFor(() => allSent(e, first), 10_000, 'the first plan placed');
    await w.close();
    const [r1, r2] = (await e.ctx.ledger.listByPlan(first)) as [LedgerRecord, LedgerRecord];
    const before = orderRequests(e).length;

    // Six rounds wait on the queue; then an amendment and a market conversion are decided.
    const second = await savePlan(e, [
      leg('000660', 'SK하이닉스', 198_500, [1, 1, 1]),
      leg('035720', '카카오', 41_000, [2, 2, 2]),
    ]);
    await enqueuePhaseRounds(e.ctx, second, 'sell');
    await enqueueAmend(e.ctx, r1, r1.price + 100);
    await enqueueMarket(e.ctx, r2);
    e.startWorker();
    await waitFor(() => allSent(e, second), 15_000, 'the second plan placed');
    await waitFor(async () => (await e.ctx.ledger.get(`${r2.id}-m1`))?.state === 'open', 10_000, 'the follow-up');

    expect(orderRequests(e).slice(before)).toEqual([
      'kt10002 005930', // the amendment
      'kt10003 005930', // the market job's cancel
      'kt10001 005930', // its market follow-up
      'kt10001 000660', // then the rounds, round-major
      'kt10001 035720',
      'kt10001 000660',
      'kt10001 035720',
      'kt10001 000660',
      'kt10001 035720',
    ]);
    expect((await e.ctx.ledger.get(r1.id ?? ''))?.amendments).toHaveLength(1);
    expect(Math.min(...gaps(e.orderRequestTimes()))).toBeGreaterThanOrEqual(INTERVAL);
  });
});
