import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import type { LedgerRecord } from '../../src/domain/LedgerRecord.ts';
import { allSent } from './allSent.ts';
import type { EngineEnv } from './EngineEnv.ts';
import { leg } from './leg.ts';
import { savePlan } from './savePlan.ts';
import { waitFor } from './waitFor.ts';

/** Places a one-round sell of `qty` x 005930 with fills held back, and returns its record, `open` at the exchange. */
export async function placedRecord(env: EngineEnv, qty = 6): Promise<LedgerRecord> {
  env.server.faults.holdFills(true);
  const planId = await savePlan(env, [leg('005930', '삼성전자', 71_200, [qty])]);
  await enqueuePhaseRounds(env.ctx, planId, 'sell');
  env.startWorker();
  await waitFor(() => allSent(env, planId), 10_000, 'placed');
  const [rec] = await env.ctx.ledger.listByPlan(planId);
  if (rec === undefined) throw new Error('no record');
  return rec;
}
