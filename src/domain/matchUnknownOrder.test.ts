import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Execution } from './Execution.ts';
import { kstHHmmss } from './kstClock.ts';
import { matchUnknownOrder, type SentOrder } from './matchUnknownOrder.ts';
import type { OpenOrder } from './OpenOrder.ts';

// 2026-03-02 10:00:00 KST = 01:00:00 UTC
const T = Date.UTC(2026, 2, 2, 1, 0, 0);
const sent: SentOrder = { code: '005930', side: 'sell', qty: 10, price: 71_100, sentAt: T };

function open(over: Partial<OpenOrder> = {}): OpenOrder {
  return {
    orderNo: '0000101',
    code: '005930',
    name: '삼성전자',
    side: 'sell',
    orderQty: 10,
    price: 71_100,
    unfilledQty: 10,
    filledQty: 0,
    time: '100001',
    ...over,
  };
}

function exec(over: Partial<Execution> = {}): Execution {
  return {
    orderNo: '0000101',
    code: '005930',
    side: 'sell',
    orderQty: 10,
    orderPrice: 71_100,
    filledQty: 10,
    fillPrice: 71_100,
    unfilledQty: 0,
    commission: 100,
    tax: 1_400,
    status: '체결',
    time: '100001',
    ...over,
  };
}

const none = new Set<string>();

describe('matchUnknownOrder', () => {
  test('finds the open order the lost request created', () => {
    expect(matchUnknownOrder({ sent, openOrders: [open()], executions: [], claimedOrderNos: none })).toEqual({
      kind: 'found',
      orderNo: '0000101',
      source: 'open',
    });
  });

  test('finds it among the executed orders when it already filled', () => {
    expect(matchUnknownOrder({ sent, openOrders: [], executions: [exec()], claimedOrderNos: none })).toEqual({
      kind: 'found',
      orderNo: '0000101',
      source: 'executed',
    });
  });

  test('counts an order listed both as open and as executed once', () => {
    const r = matchUnknownOrder({
      sent,
      openOrders: [open()],
      executions: [exec({ filledQty: 3 })],
      claimedOrderNos: none,
    });
    expect(r).toEqual({ kind: 'found', orderNo: '0000101', source: 'open' });
  });

  test.each<[string, Partial<OpenOrder>]>([
    ['another code', { code: '000660' }],
    ['the other side', { side: 'buy' }],
    ['another quantity', { orderQty: 11 }],
    ['another price', { price: 71_000 }],
    ['an earlier time (beyond the default 30 s clock skew)', { time: '095929' }],
    ['an amendment of another order', { origOrderNo: '0000050' }],
  ])('does not take an order with %s', (_why, over) => {
    expect(matchUnknownOrder({ sent, openOrders: [open(over)], executions: [], claimedOrderNos: none })).toEqual({
      kind: 'none',
    });
  });

  test('accepts an order stamped up to the clock skew before the send time (default 30 s)', () => {
    const r = matchUnknownOrder({
      sent,
      openOrders: [open({ time: '095930' })],
      executions: [],
      claimedOrderNos: none,
    });
    expect(r.kind).toBe('found');
  });

  test('a broker clock 3 s behind ours: its order is found with the default window, not with a 2 s one', () => {
    const behind = { sent, openOrders: [open({ time: '095957' })], executions: [], claimedOrderNos: none };
    expect(matchUnknownOrder(behind).kind).toBe('found');
    expect(matchUnknownOrder({ ...behind, clockSkewMs: 2_000 }).kind).toBe('none');
    // The measured offset moves the window onto the broker's clock.
    expect(matchUnknownOrder({ ...behind, clockSkewMs: 2_000, brokerOffsetMs: -3_000 }).kind).toBe('found');
    // An offset ahead narrows it: an order listed 3 s before the send on a clock 5 s ahead is an older one.
    expect(matchUnknownOrder({ ...behind, clockSkewMs: 2_000, brokerOffsetMs: 5_000 }).kind).toBe('none');
  });

  test('property: found exactly when listed at or after the second of sentAt + offset - skew', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: -60_000, max: 60_000 }),
        fc.integer({ min: -200_000, max: 200_000 }),
        (skew, offset, listedDelta) => {
          const listedAt = T + listedDelta;
          const r = matchUnknownOrder({
            sent,
            openOrders: [open({ time: kstHHmmss(listedAt) })],
            executions: [],
            claimedOrderNos: none,
            clockSkewMs: skew,
            brokerOffsetMs: offset,
          });
          const from = Math.floor((T + offset - skew) / 1000) * 1000;
          expect(r.kind).toBe(listedAt >= from ? 'found' : 'none');
        },
      ),
    );
  });

  test('refuses an offset that is not a number', () => {
    expect(() =>
      matchUnknownOrder({ sent, openOrders: [], executions: [], claimedOrderNos: none, brokerOffsetMs: Number.NaN }),
    ).toThrow(RangeError);
  });

  test('takes original orders whose original number is printed as zeros', () => {
    const r = matchUnknownOrder({
      sent,
      openOrders: [open({ origOrderNo: '0000000' })],
      executions: [],
      claimedOrderNos: none,
    });
    expect(r.kind).toBe('found');
  });

  test('never adopts an order number another ledger record owns', () => {
    const r = matchUnknownOrder({
      sent,
      openOrders: [open(), open({ orderNo: '0000102' })],
      executions: [],
      claimedOrderNos: new Set(['0000101']),
    });
    expect(r).toEqual({ kind: 'found', orderNo: '0000102', source: 'open' });
  });

  test('does not guess between two orders that both fit', () => {
    const r = matchUnknownOrder({
      sent,
      openOrders: [open(), open({ orderNo: '0000102', time: '100002' })],
      executions: [],
      claimedOrderNos: none,
    });
    expect(r).toEqual({ kind: 'ambiguous', orderNos: ['0000101', '0000102'] });
  });

  test('ignores orders the broker rejected', () => {
    const r = matchUnknownOrder({
      sent,
      openOrders: [],
      executions: [exec({ status: '거부', filledQty: 0 })],
      claimedOrderNos: none,
    });
    expect(r).toEqual({ kind: 'none' });
  });

  test('does not compare prices of a market order', () => {
    const r = matchUnknownOrder({
      sent: { ...sent, price: 0 },
      openOrders: [],
      executions: [exec({ orderPrice: 0 })],
      claimedOrderNos: none,
    });
    expect(r.kind).toBe('found');
  });

  test('refuses a negative clock skew', () => {
    expect(() =>
      matchUnknownOrder({ sent, openOrders: [], executions: [], claimedOrderNos: none, clockSkewMs: -1 }),
    ).toThrow(RangeError);
  });
});
