import { describe, expect, test } from 'vitest';
import { ensureOrderJob } from '../../jobs/OrderContext.ts';
import { orderJobId } from '../../src/store/keys.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { placedRecord } from '../kit/placedRecord.ts';
import { waitFor } from '../kit/waitFor.ts';

let env: EngineEnv | undefined;
closeAfterEach(() => env);

/**
 * Review of issue 11 (sound check, expected to pass): a cancel job an older version queued carries `reason` (words),
 * not `cause`. After the deploy it must still cancel the order once and close the record with those words.
 */
describe('a cancel job queued by the older version', () => {
  test('cancels the order and keeps its words as the cause', async () => {
    env = await startEngineEnv();
    const e = env;
    const rec = await placedRecord(e);
    const id = rec.id ?? '';
    const orderNo = rec.orderNo ?? '';
    // The older job's data, as the older enqueueCancel wrote it.
    const olderData = { kind: 'cancel', recordId: id, reason: 'kill switch' } as never;
    expect(await ensureOrderJob(e.ctx, orderJobId('cancel', id, orderNo), olderData)).toBe(true);
    await waitFor(async () => (await e.ctx.ledger.get(id))?.state === 'cancelled', 10_000, 'cancelled');
    const after = await e.ctx.ledger.get(id);
    expect(after?.cancelCause).toEqual({ code: 'recorded', text: 'kill switch' });
    const cancelled = (await e.ctx.outbox.read()).filter((x) => x.event.type === 'cancelled').map((x) => x.event);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ cause: { code: 'recorded', text: 'kill switch' }, qty: rec.qty });
    expect(e.server.exchange.openOrders()).toHaveLength(0);
  });
});
