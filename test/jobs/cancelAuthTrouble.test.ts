import { describe, expect, test } from 'vitest';
import { haltOrders } from '../../jobs/killSwitch.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { placedRecord } from '../kit/placedRecord.ts';
import { waitFor } from '../kit/waitFor.ts';

/**
 * The kill switch's cancels (/stop with "cancel open orders") while the broker refuses every token for a while. A
 * refused token means the cancel was not processed; the cancel job used to fail on it like on any error, its
 * attempts were used up within seconds, and the order stayed open at the broker, filling, while the engine was
 * halted (nothing queues a cancel again while halted). Broker trouble before the send is a delay for a cancel too,
 * as it is for a place job (jobs/brokerDelay.ts).
 */

let env: EngineEnv | undefined;
closeAfterEach(() => env);

describe('a kill-switch cancel while the broker refuses tokens', () => {
  test('waits the refusals out and cancels the order once they end', async () => {
    env = await startEngineEnv({ brokerRetryMaxMs: 200 });
    const e = env;
    const rec = await placedRecord(e, 6);
    // Every cancel request is refused with an invalid token, the one after the client's fresh token too: more
    // refusals than the job's 5 attempts (2 each) take.
    e.server.faults.inject({ kind: 'tokenExpired', apiId: 'kt10003', times: 14 });
    await haltOrders(e.ctx, { cancelOpen: true, by: { via: 'chat', chatId: 1 } });
    await waitFor(
      () => e.server.exchange.openOrders().length === 0,
      20_000,
      'the order cancelled at the exchange once the refusals end',
    );
    expect(e.server.exchange.order(rec.orderNo ?? '')?.status).toBe('cancelled');
  }, 40_000);
});
