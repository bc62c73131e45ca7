import { describe, expect, test } from 'vitest';
import { brokerClockWait } from '../../jobs/brokerClock.ts';
import type { OrderContext } from '../../jobs/OrderContext.ts';
import { parkEarlierDay } from '../../jobs/parkEarlierDay.ts';
import type { LedgerRecord } from '../../src/domain/LedgerRecord.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';

/**
 * The record's note is a value now (`note`); the older version wrote English words in `error`. A record the older
 * version parked (an earlier day's order) or held (the broker's clock off) is not written again, and its `error`
 * event is not pushed a second time, after the upgrade: the engine recognises the older words as the same note.
 */

let env: EngineEnv | undefined;
closeAfterEach(() => env);

async function record(e: EngineEnv, round: number, patch: Partial<LedgerRecord>): Promise<LedgerRecord> {
  const { record: r } = await e.ctx.ledger.create({
    planId: 'older',
    side: 'sell',
    code: '005930',
    name: '삼성전자',
    round,
    isLastRound: false,
    plannedQty: 5,
    order: round,
  });
  const id = r.id ?? '';
  await e.ctx.ledger.update(id, (cur) => ({ ...cur, ...patch }));
  return (await e.ctx.ledger.get(id)) as LedgerRecord;
}

const errorEvents = async (e: EngineEnv) =>
  (await e.ctx.outbox.read('0-0', 100)).filter((x) => x.event.type === 'error').map((x) => x.event);

describe('records noted by the older version', () => {
  test('an earlier day parked with the older words is not parked again; one without is parked once, with its note', async () => {
    env = await startEngineEnv();
    const e = env;
    const day = '2026-03-04';
    const older = await record(e, 1, {
      state: 'unknown',
      qty: 5,
      sentAt: Date.now() - 86_400_000,
      error: `sent on ${day} (KST) and not settled that day: today's broker lists cannot tell what became of it`,
    });
    expect(await parkEarlierDay(e.ctx, older, day)).toBe(false);
    expect(await e.ctx.ledger.get(older.id ?? '')).toEqual(older);
    expect(await errorEvents(e)).toEqual([]);

    const open = await record(e, 2, { state: 'open', qty: 5, orderNo: '0000001', orderNos: ['0000001'] });
    expect(await parkEarlierDay(e.ctx, open, day)).toBe(true);
    expect(await e.ctx.ledger.get(open.id ?? '')).toMatchObject({
      state: 'unknown',
      note: { code: 'earlier-day-unsettled', day },
    });
    expect(await parkEarlierDay(e.ctx, (await e.ctx.ledger.get(open.id ?? '')) as LedgerRecord, day)).toBe(false);
    expect(await errorEvents(e)).toMatchObject([{ code: 'earlier-day-unsettled', day }]);
  });

  test('a round held with the older words is not noted again; a new bound is', async () => {
    env = await startEngineEnv({ maxClockOffsetMs: 5_000 });
    const e = env;
    const offset = { offsetMs: 60_000, lowMs: 59_000, highMs: 61_000, samples: 3 };
    const broker = Object.assign(Object.create(e.ctx.broker), { clockOffset: () => offset });
    const ctx: OrderContext = { ...e.ctx, broker };
    const words = (bound: number) =>
      `the broker's clock is more than ${bound} ms off ours (MAX_CLOCK_OFFSET_MS): not placing orders until it is back within it`;
    const older = await record(e, 1, { error: words(5_000) });
    expect(await brokerClockWait(ctx, older, Date.now())).toBeDefined();
    expect(await e.ctx.ledger.get(older.id ?? '')).toEqual(older);
    expect(await errorEvents(e)).toEqual([]);

    const otherBound = await record(e, 2, { error: words(9_000) });
    await brokerClockWait(ctx, otherBound, Date.now());
    await brokerClockWait(ctx, (await e.ctx.ledger.get(otherBound.id ?? '')) as LedgerRecord, Date.now());
    expect((await e.ctx.ledger.get(otherBound.id ?? ''))?.note).toEqual({
      code: 'broker-clock-off',
      maxOffsetMs: 5_000,
    });
    expect(await errorEvents(e)).toMatchObject([{ code: 'broker-clock-off', maxOffsetMs: 5_000 }]);
  });
});
