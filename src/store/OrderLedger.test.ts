import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openTestRedis, REDIS_URL } from '../../test/kit/openTestRedis.ts';
import { testAccountId } from '../../test/kit/testAccountId.ts';
import type { LedgerRecord } from '../domain/LedgerRecord.ts';
import { InvalidLedgerInputError } from './errors/InvalidLedgerInputError.ts';
import { LedgerConflictError } from './errors/LedgerConflictError.ts';
import { OrderNoConflictError } from './errors/OrderNoConflictError.ts';
import { ORDER_NO_INDEX_TTL_MS } from './keys.ts';
import type { NewLedgerRecord } from './NewLedgerRecord.ts';
import { OrderLedger } from './OrderLedger.ts';
import { createRedis } from './redis.ts';

let acct: string;
let env: ReturnType<typeof openTestRedis>;
let ledger: OrderLedger;

beforeEach(() => {
  acct = testAccountId();
  env = openTestRedis(acct);
  ledger = new OrderLedger(env.redis, acct);
});
afterEach(async () => env.cleanup());

function rec(over: Partial<NewLedgerRecord> = {}): NewLedgerRecord {
  return {
    planId: 'p1',
    side: 'sell',
    code: '005930',
    name: '삼성전자',
    round: 1,
    isLastRound: false,
    plannedQty: 5,
    order: 100_000,
    ...over,
  };
}

describe('OrderLedger', () => {
  test('creates a record once; creating it again returns the stored one unchanged', async () => {
    const first = await ledger.create(rec());
    await ledger.transition('p1-sell-005930-r1', ['queued'], () => ({ state: 'sending', qty: 5, sentAt: 1 }));
    const again = await ledger.create(rec({ plannedQty: 99 }));
    expect(first.created).toBe(true);
    expect(first.record.id).toBe('p1-sell-005930-r1');
    expect(again.created).toBe(false);
    expect(again.record.state).toBe('sending');
    expect(again.record.plannedQty).toBe(5);
  });

  test('two processes racing to move a record from queued to sending: exactly one wins', async () => {
    await ledger.create(rec());
    const other = createRedis(REDIS_URL);
    try {
      const l2 = new OrderLedger(other, acct);
      const tries = Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? ledger : l2).transition('p1-sell-005930-r1', ['queued'], () => ({ state: 'sending', qty: 5 })),
      );
      const results = await Promise.all(tries);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    } finally {
      other.disconnect();
    }
  });

  test('a transition from the wrong state changes nothing and returns the current record', async () => {
    await ledger.create(rec());
    const t = await ledger.transition('p1-sell-005930-r1', ['open'], () => ({ state: 'filled' }));
    expect(t.ok).toBe(false);
    expect(t.record?.state).toBe('queued');
  });

  test('claims order numbers: a record is found by any of its numbers, and no other record can take one', async () => {
    await ledger.create(rec());
    await ledger.create(rec({ round: 2, order: 200_000 }));
    await ledger.update('p1-sell-005930-r1', (c) => ({
      ...c,
      state: 'open',
      qty: 5,
      orderNo: '0000007',
      orderNos: ['0000007'],
    }));
    expect((await ledger.findByOrderNo('0000007'))?.id).toBe('p1-sell-005930-r1');
    await expect(
      ledger.update('p1-sell-005930-r2', (c) => ({
        ...c,
        state: 'open',
        qty: 5,
        orderNo: '0000007',
        orderNos: ['0000007'],
      })),
    ).rejects.toThrow(LedgerConflictError);
    expect((await ledger.get('p1-sell-005930-r2'))?.state).toBe('queued');
    expect(await ledger.claimedOrderNos()).toEqual(new Set(['0000007']));
  });

  test('claims order numbers per KST day: a number claimed yesterday is claimed by another record today', async () => {
    // 2026-03-03 10:00 KST and 2026-03-04 10:00 KST: Kiwoom starts numbering again each trading day.
    let clock = Date.parse('2026-03-03T01:00:00Z');
    const dated = new OrderLedger(env.redis, acct, () => clock);
    await dated.create(rec());
    await dated.create(rec({ round: 2, order: 200_000 }));
    const open = (c: LedgerRecord): LedgerRecord => ({
      ...c,
      state: 'open',
      qty: 5,
      orderNo: '0000001',
      orderNos: ['0000001'],
    });
    await dated.update('p1-sell-005930-r1', open);
    clock = Date.parse('2026-03-04T01:00:00Z');
    const res = await dated.update('p1-sell-005930-r2', open);

    expect(res?.after).toMatchObject({ state: 'open', orderNo: '0000001' });
    expect(dated.today()).toBe('20260304');
    expect((await dated.findByOrderNo('0000001'))?.id).toBe('p1-sell-005930-r2');
    expect((await dated.findByOrderNo('0000001', '20260303'))?.id).toBe('p1-sell-005930-r1');
    expect(await dated.claimedOrderNos()).toEqual(new Set(['0000001']));
    expect(await dated.claimedOrderNos('20260305')).toEqual(new Set());
  });

  test('the order number day turns at KST midnight, not UTC midnight', async () => {
    let clock = Date.parse('2026-03-03T14:59:59Z'); // 23:59:59 KST on the 3rd
    const dated = new OrderLedger(env.redis, acct, () => clock);
    expect(dated.today()).toBe('20260303');
    clock = Date.parse('2026-03-03T15:00:00Z'); // 00:00 KST on the 4th
    expect(dated.today()).toBe('20260304');
  });

  test('a day of order number claims expires after a few days', async () => {
    await ledger.create(rec());
    await ledger.update('p1-sell-005930-r1', (c) => ({ ...c, state: 'open', qty: 5, orderNo: '1', orderNos: ['1'] }));
    const ttl = await env.redis.pttl(ledger.keys.orderNos(ledger.today()));
    expect(ttl).toBeGreaterThan(ORDER_NO_INDEX_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(ORDER_NO_INDEX_TTL_MS);
    expect(ORDER_NO_INDEX_TTL_MS).toBeGreaterThanOrEqual(2 * 24 * 3600 * 1000);
  });

  test('a number owned by another record today is refused with its owner named, and nothing is written', async () => {
    await ledger.create(rec());
    await ledger.create(rec({ round: 2, order: 200_000 }));
    const open = (c: LedgerRecord): LedgerRecord => ({ ...c, state: 'open', qty: 5, orderNo: '9', orderNos: ['9'] });
    await ledger.update('p1-sell-005930-r1', open);
    const err = await ledger.update('p1-sell-005930-r2', open).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderNoConflictError);
    expect(err).toMatchObject({ orderNo: '9', ownerId: 'p1-sell-005930-r1', recordId: 'p1-sell-005930-r2' });
    expect((await ledger.get('p1-sell-005930-r2'))?.state).toBe('queued');
  });

  test('lists a plan in send order and the live set without final records', async () => {
    await ledger.create(rec({ round: 2, order: 200_000 }));
    await ledger.create(rec({ code: '000660', order: 100_001 }));
    await ledger.create(rec());
    await ledger.create(rec({ round: 3, order: 300_000, state: 'skipped' }));
    const ids = (await ledger.listByPlan('p1')).map((r) => r.id);
    expect(ids).toEqual(['p1-sell-005930-r1', 'p1-sell-000660-r1', 'p1-sell-005930-r2', 'p1-sell-005930-r3']);
    expect((await ledger.listLive()).map((r) => r.id).sort()).toEqual(
      ['p1-sell-000660-r1', 'p1-sell-005930-r1', 'p1-sell-005930-r2'].sort(),
    );
    await ledger.transition('p1-sell-000660-r1', ['queued'], () => ({ state: 'rejected' }));
    expect((await ledger.listLive()).map((r) => r.id)).not.toContain('p1-sell-000660-r1');
  });

  test('applies absolute fill totals: repeats change nothing, a stale smaller total is ignored', async () => {
    await ledger.create(rec());
    await ledger.update('p1-sell-005930-r1', (c) => ({
      ...c,
      state: 'open',
      qty: 5,
      orderNo: '0000001',
      orderNos: ['0000001'],
    }));
    const totals = { filledQty: 2, filledValue: 142_200, commission: 21, tax: 284 };
    const first = await ledger.applyFills('p1-sell-005930-r1', totals);
    expect(first?.before.filledQty).toBe(0);
    expect(first?.after.state).toBe('partial');
    expect(await ledger.applyFills('p1-sell-005930-r1', totals)).toBeUndefined();
    expect(await ledger.applyFills('p1-sell-005930-r1', { ...totals, filledQty: 1 })).toBeUndefined();
    const done = await ledger.applyFills('p1-sell-005930-r1', { ...totals, filledQty: 5, filledValue: 355_500 });
    expect(done?.after.state).toBe('filled');
  });

  test('refuses fill totals larger than what was sent', async () => {
    await ledger.create(rec());
    await ledger.update('p1-sell-005930-r1', (c) => ({
      ...c,
      state: 'open',
      qty: 5,
      orderNo: '0000001',
      orderNos: ['0000001'],
    }));
    await expect(
      ledger.applyFills('p1-sell-005930-r1', { filledQty: 6, filledValue: 1, commission: 0, tax: 0 }),
    ).rejects.toThrow(InvalidLedgerInputError);
  });

  test.each<[string, Partial<NewLedgerRecord>]>([
    ['a code that is not a stock code', { code: '59:30' }],
    ['round 0', { round: 0 }],
    ['a negative planned quantity', { plannedQty: -1 }],
    ['a fractional planned quantity', { plannedQty: 1.5 }],
    ['a plan id with a colon', { planId: 'p:1' }],
  ])('refuses a record with %s and writes nothing', async (_why, over) => {
    await expect(ledger.create(rec(over))).rejects.toThrow();
    expect(await env.redis.keys(`rb:${acct}:*`)).toEqual([]);
  });
});
