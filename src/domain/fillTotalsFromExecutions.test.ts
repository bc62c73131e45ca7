import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Execution } from './Execution.ts';
import { fillTotalsFromExecutions } from './fillTotalsFromExecutions.ts';
import type { StockCode } from './types.ts';

const code = '005930' as StockCode;
const exec = (orderNo: string, filledQty: number, fillPrice: number, commission = 0, tax = 0): Execution => ({
  orderNo,
  code,
  side: 'buy',
  orderQty: 100,
  orderPrice: fillPrice,
  filledQty,
  fillPrice,
  unfilledQty: 100 - filledQty,
  commission,
  tax,
  status: '체결',
  time: '093000',
});

describe('fillTotalsFromExecutions', () => {
  test.each<[string, readonly string[], readonly Execution[], ReturnType<typeof fillTotalsFromExecutions>]>([
    ['no executions', ['0000001'], [], { filledQty: 0, filledValue: 0, commission: 0, tax: 0 }],
    [
      'one order of the record',
      ['0000001'],
      [exec('0000001', 3, 70_000, 15, 0)],
      { filledQty: 3, filledValue: 210_000, commission: 15, tax: 0 },
    ],
    [
      'the original and its amendment both count',
      ['0000001', '0000002'],
      [exec('0000001', 2, 70_000, 10, 0), exec('0000002', 5, 70_100, 25, 0)],
      { filledQty: 7, filledValue: 490_500, commission: 35, tax: 0 },
    ],
    [
      'another order of the same stock does not count',
      ['0000001'],
      [exec('0000001', 2, 70_000, 10, 0), exec('0000009', 50, 70_000, 300, 0)],
      { filledQty: 2, filledValue: 140_000, commission: 10, tax: 0 },
    ],
    [
      'an order listed twice (paging) counts once, with its largest fill',
      ['0000001'],
      [exec('0000001', 2, 70_000, 10, 0), exec('0000001', 4, 70_050, 20, 0), exec('0000001', 3, 70_000, 15, 0)],
      { filledQty: 4, filledValue: 280_200, commission: 20, tax: 0 },
    ],
    [
      'a sell carries its tax',
      ['0000001'],
      [{ ...exec('0000001', 10, 50_000, 50, 900), side: 'sell' }],
      { filledQty: 10, filledValue: 500_000, commission: 50, tax: 900 },
    ],
  ])('%s', (_what, orderNos, executions, expected) => {
    expect(fillTotalsFromExecutions({ orderNos }, executions)).toEqual(expected);
  });

  // Won and shares are integers: the totals are exact sums, with no rounding, in any list order.
  const fill = fc.record({
    filledQty: fc.integer({ min: 0, max: 1_000_000 }),
    fillPrice: fc.integer({ min: 1, max: 5_000_000 }),
    commission: fc.integer({ min: 0, max: 10_000_000 }),
    tax: fc.integer({ min: 0, max: 10_000_000 }),
  });
  const orders = fc.uniqueArray(
    fc.record({ orderNo: fc.integer({ min: 1, max: 9_999_999 }), fill, mine: fc.boolean() }),
    {
      selector: (o) => o.orderNo,
      maxLength: 20,
    },
  );

  test('the totals are the exact sums over the record’s executions, one row per order, in any order', () => {
    fc.assert(
      fc.property(
        orders,
        fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 20 }),
        fc.infiniteStream(fc.nat()),
        (list, repeats, shuffle) => {
          const no = (n: number) => String(n).padStart(7, '0');
          const rows = list.map((o) =>
            exec(no(o.orderNo), o.fill.filledQty, o.fill.fillPrice, o.fill.commission, o.fill.tax),
          );
          // Earlier snapshots of an order (a repeated page): fewer shares, any price and costs.
          const stale = repeats.flatMap((r, i) => {
            const o = list[i % Math.max(list.length, 1)];
            if (o === undefined || o.fill.filledQty === 0) return [];
            return [exec(no(o.orderNo), r % o.fill.filledQty, 1 + (r % 999), r, r)];
          });
          const all = [...rows, ...stale];
          const keys = all.map(() => shuffle.next().value);
          const shuffled = all
            .map((e, i) => [keys[i] ?? 0, e] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, e]) => e);
          const mine = list.filter((o) => o.mine);
          const totals = fillTotalsFromExecutions({ orderNos: mine.map((o) => no(o.orderNo)) }, shuffled);
          let filledQty = 0;
          let filledValue = 0;
          let commission = 0;
          let tax = 0;
          for (const o of mine) {
            filledQty += o.fill.filledQty;
            filledValue += o.fill.fillPrice * o.fill.filledQty;
            commission += o.fill.commission;
            tax += o.fill.tax;
          }
          expect(totals).toEqual({ filledQty, filledValue, commission, tax });
          expect(Number.isSafeInteger(totals.filledValue)).toBe(true);
        },
      ),
    );
  });
});
