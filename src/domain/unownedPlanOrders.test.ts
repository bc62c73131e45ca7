import { describe, expect, test } from 'vitest';
import type { Execution } from './Execution.ts';
import type { SentOrder } from './matchUnknownOrder.ts';
import type { OpenOrder } from './OpenOrder.ts';
import { type UnownedPlanOrdersInput, unownedPlanOrders } from './unownedPlanOrders.ts';

// 2026-03-02 10:00:00 KST = 01:00:00 UTC
const T = Date.UTC(2026, 2, 2, 1, 0, 0);

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
    orderNo: '0000102',
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

const lost: SentOrder = { code: '005930', side: 'sell', qty: 10, price: 71_100, sentAt: T };

function input(over: Partial<UnownedPlanOrdersInput> = {}): UnownedPlanOrdersInput {
  return {
    planCodes: { sell: new Set(['005930']), buy: new Set(['000660']) },
    openOrders: [],
    executions: [],
    ownedOrderNos: new Set(),
    unsettled: [],
    ...over,
  };
}

describe('unownedPlanOrders', () => {
  test('names an open or executed order of a plan code on its side that no record owns', () => {
    const r = unownedPlanOrders(input({ openOrders: [open()], executions: [exec()] }));
    expect(r.map((o) => [o.orderNo, o.source])).toEqual([
      ['0000101', 'open'],
      ['0000102', 'executed'],
    ]);
  });

  test('an order listed both open and executed is named once', () => {
    const r = unownedPlanOrders(input({ openOrders: [open()], executions: [exec({ orderNo: '0000101' })] }));
    expect(r.map((o) => o.orderNo)).toEqual(['0000101']);
  });

  test.each<[string, Partial<UnownedPlanOrdersInput>]>([
    ['owned by a record', { ownedOrderNos: new Set(['0000101']) }],
    ['of a code the plan does not trade', { openOrders: [open({ code: '035720' })] }],
    ['of a plan code on the other side', { openOrders: [open({ side: 'buy' })] }],
    ['an amendment (it points back at an order)', { openOrders: [open({ origOrderNo: '0000050' })] }],
  ])('leaves alone an order %s', (_why, over) => {
    expect(unownedPlanOrders(input({ openOrders: [open()], ...over }))).toEqual([]);
  });

  test('leaves alone a rejected order', () => {
    expect(unownedPlanOrders(input({ executions: [exec({ status: '거부' })] }))).toEqual([]);
  });

  test('an order a record whose answer was lost could still adopt is not unowned yet', () => {
    expect(unownedPlanOrders(input({ openOrders: [open()], unsettled: [lost] }))).toEqual([]);
    // Listed 3 s before the send on a broker clock behind ours: still inside the window.
    expect(unownedPlanOrders(input({ openOrders: [open({ time: '095957' })], unsettled: [lost] }))).toEqual([]);
  });

  test('an unsettled record explains only an order it could adopt', () => {
    const cases: Partial<OpenOrder>[] = [
      { orderQty: 11 },
      { price: 71_000 },
      // Older than the record's window: it cannot be that record's order.
      { time: '095900' },
    ];
    for (const over of cases) {
      const r = unownedPlanOrders(input({ openOrders: [open(over)], unsettled: [lost], clockSkewMs: 30_000 }));
      expect([over, r.map((o) => o.orderNo)]).toEqual([over, ['0000101']]);
    }
  });

  test('a market record (price 0) can adopt an order at any price', () => {
    const market = { ...lost, price: 0 };
    expect(unownedPlanOrders(input({ openOrders: [open({ price: 0 })], unsettled: [market] }))).toEqual([]);
  });

  test('the measured broker offset moves the window as in reconciliation', () => {
    const older = open({ time: '095950' });
    const base = input({ openOrders: [older], unsettled: [lost], clockSkewMs: 2_000 });
    expect(unownedPlanOrders(base).map((o) => o.orderNo)).toEqual(['0000101']);
    expect(unownedPlanOrders({ ...base, brokerOffsetMs: -10_000 })).toEqual([]);
  });

  test('an order listed before the phase started (listedFrom of its side) is not one of its rounds', () => {
    const early = exec({ orderNo: '0000090', time: '093000' });
    const late = exec({ orderNo: '0000091', time: '100001' });
    const r = unownedPlanOrders(input({ executions: [early, late], listedFrom: { sell: '100000' } }));
    expect(r.map((o) => o.orderNo)).toEqual(['0000091']);
    // The bound of one side says nothing about the other.
    const buy = exec({ orderNo: '0000092', code: '000660', side: 'buy', time: '093000' });
    expect(
      unownedPlanOrders(input({ executions: [buy], listedFrom: { sell: '100000' } })).map((o) => o.orderNo),
    ).toEqual(['0000092']);
  });
});
