import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cancelSettlement } from './cancelSettlement.ts';

const base = { orderNo: '0000010', since: 1_000, settleMs: 500 };

describe('cancelSettlement', () => {
  test('still open with unfilled shares: open, settled only once the settle time has passed', () => {
    const openOrders = [{ orderNo: '0000010', unfilledQty: 3 }];
    expect(cancelSettlement({ ...base, openOrders, executions: [], now: 1_200 })).toEqual({
      kind: 'open',
      settled: false,
      retryAt: 1_500,
    });
    expect(cancelSettlement({ ...base, openOrders, executions: [], now: 1_500 })).toMatchObject({ settled: true });
  });

  test('gone, and the executed list shows nothing unfilled: confirmed by the lists at once', () => {
    const executions = [
      { orderNo: '0000010', filledQty: 1, unfilledQty: 5 },
      { orderNo: '0000010', filledQty: 2, unfilledQty: 0 },
    ];
    expect(cancelSettlement({ ...base, openOrders: [], executions, now: 1_001 })).toEqual({
      kind: 'confirmed',
      by: 'lists',
    });
  });

  test('gone, but the executed list lags (still shows shares unfilled, or no row): wait for the settle time', () => {
    const lagging = [{ orderNo: '0000010', filledQty: 1, unfilledQty: 5 }];
    for (const executions of [lagging, []]) {
      expect(cancelSettlement({ ...base, openOrders: [], executions, now: 1_100 })).toEqual({
        kind: 'too-early',
        retryAt: 1_500,
      });
      expect(cancelSettlement({ ...base, openOrders: [], executions, now: 1_500 })).toEqual({
        kind: 'confirmed',
        by: 'settle-time',
      });
    }
  });

  test('never confirmed while the order is open, whatever the executed list says', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(100), fc.integer({ min: 1, max: 100 }), (now, filled, unfilled) => {
        const s = cancelSettlement({
          ...base,
          openOrders: [{ orderNo: '0000010', unfilledQty: unfilled }],
          executions: [{ orderNo: '0000010', filledQty: filled, unfilledQty: 0 }],
          now,
        });
        return s.kind === 'open';
      }),
    );
  });
});
