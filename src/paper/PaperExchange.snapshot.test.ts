import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testAccount } from '../../test/kit/testAccount.ts';
import { PaperExchange } from './PaperExchange.ts';
import { PaperSnapshotError } from './PaperSnapshotError.ts';

const DAY1 = Date.parse('2026-03-03T01:00:00Z'); // 10:00 KST
const DAY2 = Date.parse('2026-03-04T00:30:00Z'); // 09:30 KST, the next day

type Op =
  | { kind: 'buy' | 'sell'; code: string; qty: number; ticks: number }
  | { kind: 'amend' | 'cancel'; pick: number; ticks: number }
  | { kind: 'step'; n: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('buy' as const, 'sell' as const),
    code: fc.constantFrom('005930', '000660', '123450'),
    qty: fc.integer({ min: 1, max: 40 }),
    ticks: fc.integer({ min: -3, max: 3 }),
  }),
  fc.record({
    kind: fc.constantFrom('amend' as const, 'cancel' as const),
    pick: fc.nat(),
    ticks: fc.integer({ min: -3, max: 3 }),
  }),
  fc.record({ kind: fc.constant('step' as const), n: fc.integer({ min: 1, max: 5 }) }),
);

/** Applies an op; rejections are part of the game (they change nothing). Returns what happened, for comparing. */
function apply(x: PaperExchange, op: Op): string {
  try {
    if (op.kind === 'step') {
      x.step(op.n);
      return 'step';
    }
    if ('code' in op) {
      const q = x.quote(op.code)!;
      // On the grid: the quote's own prices (crossing), or a limit that rests.
      const price = op.kind === 'buy' ? (op.ticks >= 0 ? q.bestAsk : q.bestBid) : op.ticks >= 0 ? q.bestBid : q.bestAsk;
      return x.placeOrder({ side: op.kind, code: op.code, qty: op.qty, type: 'limit', price }).orderNo;
    }
    const open = x.openOrders();
    if (open.length === 0) return 'none';
    const o = open[op.pick % open.length]!;
    if (op.kind === 'cancel') return x.cancelOrder({ origOrderNo: o.orderNo, code: o.code, qty: 0 }).orderNo;
    const q = x.quote(o.code)!;
    return x.amendOrder({
      origOrderNo: o.orderNo,
      code: o.code,
      qty: 0,
      price: o.side === 'buy' ? q.bestBid : q.bestAsk,
    }).orderNo;
  } catch (err) {
    return `rejected: ${(err as Error).message}`;
  }
}

const make = (now = () => DAY1) =>
  new PaperExchange({ account: testAccount(), seed: 7, firstOrderNo: 1_000, liquidityPerStep: 15, now });

describe('PaperExchange snapshot and load', () => {
  it('a loaded copy continues exactly like the original: prices, fills, order numbers', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.array(opArb, { maxLength: 30 }), (before, after) => {
        const original = make();
        for (const op of before) apply(original, op);
        const copy = make();
        copy.load(JSON.parse(JSON.stringify(original.snapshot())));
        expect(copy.snapshot()).toEqual(original.snapshot());
        for (const op of after) expect(apply(copy, op)).toBe(apply(original, op));
        expect(copy.snapshot()).toEqual(original.snapshot());
        copy.assertInvariants();
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a snapshot that is unreadable or does not add up, and changes nothing', () => {
    const x = make();
    x.placeOrder({ side: 'sell', code: '005930', qty: 10, type: 'limit', price: x.quote('005930')!.bestAsk });
    const before = x.snapshot();
    const target = make();
    const targetBefore = target.snapshot();
    for (const bad of [
      null,
      { ...before, version: 2 },
      { ...before, cash: before.cash + 1 },
      { ...before, cash: -5 },
      { ...before, instruments: before.instruments.slice(1) },
      { ...before, instruments: before.instruments.map((i) => ({ ...i, price: i.price + 1 })) },
      { ...before, lastOrderNo: 5 },
      { ...before, orders: [...before.orders, ...before.orders] },
    ]) {
      expect(() => target.load(bad)).toThrow(PaperSnapshotError);
      expect(target.snapshot()).toEqual(targetBefore);
    }
  });

  it('starts a new KST day from the last state: open orders expire, last prices become the base', () => {
    let now = DAY1;
    const x = make(() => now);
    x.step(20);
    const rest = x.placeOrder({
      side: 'buy',
      code: '000660',
      qty: 3,
      type: 'limit',
      price: x.quote('000660')!.lowerLimit,
    });
    x.placeOrder({ side: 'sell', code: '005930', qty: 30, type: 'market' });
    const snap = x.snapshot();
    const lastPrice = x.quote('005930')!.price;
    now = DAY2;
    const y = new PaperExchange({ account: testAccount(), seed: 7, liquidityPerStep: 15, now: () => now });
    y.load(snap);
    expect(y.openOrders()).toEqual([]);
    expect(y.order(rest.orderNo)).toBeUndefined();
    expect(y.cash()).toBe(x.cash());
    expect(y.orderableCash()).toBe(x.cash());
    expect(y.positions().map((p) => [p.code, p.qty, p.costBasis])).toEqual(
      x.positions().map((p) => [p.code, p.qty, p.costBasis]),
    );
    expect(y.quote('005930')).toMatchObject({ basePrice: lastPrice, price: lastPrice });
    expect(y.snapshot().day).toBe('2026-03-04');
    expect(y.firstOrderNo).toBe(1 + Math.floor((9.5 * 3600 * 1000) / 10)); // 09:30 KST
    y.assertInvariants();
    const again = new PaperExchange({ account: testAccount(), seed: 7, liquidityPerStep: 15, now: () => now });
    again.load(y.snapshot());
    expect(again.snapshot()).toEqual(y.snapshot());
  });
});
