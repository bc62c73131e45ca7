import { describe, expect, test } from 'vitest';
import { testAccount } from '../../test/kit/testAccount.ts';
import { commission, DEFAULT_FEE_RATES, sellTax } from '../domain/fees.ts';
import { PaperExchange } from './PaperExchange.ts';
import type { PaperExchangeOptions } from './PaperExchangeOptions.ts';
import type { PaperNewOrder } from './PaperOrderRequests.ts';
import { PaperRejection } from './PaperRejection.ts';

const T0 = Date.UTC(2026, 2, 4, 0, 30, 0); // 09:30:00 KST

function exchange(options: Partial<PaperExchangeOptions> = {}): PaperExchange {
  return new PaperExchange({ account: testAccount(), liquidityPerStep: 50, now: () => T0, ...options });
}

function rejectionOf(fn: () => unknown): PaperRejection {
  try {
    fn();
  } catch (err) {
    if (err instanceof PaperRejection) return err;
    throw err;
  }
  throw new Error('expected a PaperRejection');
}

/** Everything a rejection must leave untouched. */
function snapshot(ex: PaperExchange) {
  return JSON.stringify({
    cash: ex.cash(),
    orderable: ex.orderableCash(),
    positions: ex.positions(),
    orders: ex.orders(),
    cancels: ex.cancellations(),
  });
}

const buy = (code: string, qty: number, price?: number): PaperNewOrder =>
  price === undefined ? { side: 'buy', code, qty, type: 'market' } : { side: 'buy', code, qty, type: 'limit', price };
const sell = (code: string, qty: number, price?: number): PaperNewOrder =>
  price === undefined ? { side: 'sell', code, qty, type: 'market' } : { side: 'sell', code, qty, type: 'limit', price };

describe('PaperExchange market model', () => {
  test('quotes the base price with the best bid one tick below and the best ask one tick above', () => {
    expect(exchange().quote('005930')).toMatchObject({
      price: 71_200,
      bestBid: 71_100,
      bestAsk: 71_300,
      upperLimit: 92_500,
      lowerLimit: 49_900,
      basePrice: 71_200,
      name: '삼성전자',
    });
  });

  test('at a daily limit the best quote on that side is the limit itself', () => {
    const ex = exchange();
    ex.setPrice('005930', 1_000_000);
    expect(ex.quote('005930')).toMatchObject({ price: 92_500, bestAsk: 92_500, bestBid: 92_400 });
    ex.setPrice('005930', 1);
    expect(ex.quote('005930')).toMatchObject({ price: 49_900, bestBid: 49_900, bestAsk: 49_950 });
  });

  test('setPrice snaps an off-tick price down to the grid', () => {
    const ex = exchange();
    ex.setPrice('005930', 71_299);
    expect(ex.quote('005930')?.price).toBe(71_200);
  });

  test('an unknown code has no quote', () => {
    expect(exchange().quote('999990')).toBeUndefined();
  });

  test('the same seed gives the same prices, another seed other prices', () => {
    const prices = (seed: number) => {
      const ex = exchange({ seed });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) {
        ex.step();
        out.push(ex.quote('005930')?.price ?? 0);
      }
      return out;
    };
    expect(prices(7)).toEqual(prices(7));
    expect(prices(7)).not.toEqual(prices(8));
  });
});

describe('PaperExchange matching', () => {
  test.each([
    ['a buy limit at the best ask', buy('005930', 10, 71_300), 71_300],
    ['a buy limit above the best ask (at the ask, not the limit)', buy('005930', 10, 72_000), 71_300],
    ['a buy limit below the best ask', buy('005930', 10, 71_200), undefined],
    ['a sell limit at the best bid', sell('005930', 10, 71_100), 71_100],
    ['a sell limit below the best bid (at the bid, not the limit)', sell('005930', 10, 70_000), 71_100],
    ['a sell limit above the best bid', sell('005930', 10, 71_200), undefined],
    ['a market buy (at the best ask)', buy('005930', 10), 71_300],
    ['a market sell (at the best bid)', sell('005930', 10), 71_100],
  ])('%s fills on arrival at %s (undefined = rests open)', (_name, order, fillPrice) => {
    const ex = exchange();
    const { orderNo } = ex.placeOrder(order);
    const placed = ex.order(orderNo);
    if (fillPrice === undefined) {
      expect(placed).toMatchObject({ status: 'open', filledQty: 0, openQty: 10 });
    } else {
      expect(placed).toMatchObject({ status: 'filled', filledQty: 10, openQty: 0 });
      expect(placed?.fills.map((f) => f.price)).toEqual([fillPrice]);
    }
    ex.assertInvariants();
  });

  test.each([
    ['a resting buy fills when the ask comes down to its limit', buy('005930', 10, 71_200), 71_100, 71_200],
    ['a resting sell fills when the bid comes up to its limit', sell('005930', 10, 71_300), 71_400, 71_300],
    ['a resting buy stays open while the ask is above its limit', buy('005930', 10, 71_000), 71_000, undefined],
    ['a resting sell stays open while the bid is below its limit', sell('005930', 10, 71_400), 71_400, undefined],
  ])('%s', (_name, order, newPrice, fillPrice) => {
    const ex = exchange();
    const { orderNo } = ex.placeOrder(order);
    ex.setPrice('005930', newPrice);
    const after = ex.order(orderNo);
    if (fillPrice === undefined) expect(after?.status).toBe('open');
    else expect(after?.fills.map((f) => f.price)).toEqual([fillPrice]);
    ex.assertInvariants();
  });

  test('a large order fills at most liquidityPerStep shares per matching event and the rest rests', () => {
    const ex = exchange();
    const { orderNo } = ex.placeOrder(buy('005930', 120, 72_000));
    expect(ex.order(orderNo)).toMatchObject({ filledQty: 50, openQty: 70, status: 'open' });
    ex.setPrice('005930', 71_200);
    expect(ex.order(orderNo)).toMatchObject({ filledQty: 100, openQty: 20 });
    ex.step();
    expect(ex.order(orderNo)).toMatchObject({ filledQty: 120, openQty: 0, status: 'filled' });
    expect(ex.order(orderNo)?.fills.map((f) => f.qty)).toEqual([50, 50, 20]);
    ex.assertInvariants();
  });

  test('a market order larger than the liquidity fills over several steps', () => {
    const ex = exchange();
    const { orderNo } = ex.placeOrder(sell('005930', 80));
    expect(ex.order(orderNo)).toMatchObject({ filledQty: 50, openQty: 30 });
    ex.step();
    expect(ex.order(orderNo)).toMatchObject({ filledQty: 80, status: 'filled' });
  });

  test('while fills are held, marketable orders rest open, and fill at the next step after release', () => {
    const ex = exchange();
    ex.holdFills(true);
    const { orderNo } = ex.placeOrder(buy('005930', 10, 80_000));
    ex.step(3);
    expect(ex.order(orderNo)?.status).toBe('open');
    ex.holdFills(false);
    expect(ex.order(orderNo)?.status).toBe('open');
    ex.step();
    expect(ex.order(orderNo)?.status).toBe('filled');
  });

  test('step(n) keeps every price on the tick grid within the daily limits', () => {
    const ex = exchange({ seed: 3 });
    for (let i = 0; i < 300; i++) {
      ex.step();
      for (const code of ex.codes()) {
        const q = ex.quote(code);
        if (q === undefined) throw new Error('no quote');
        expect(q.price).toBeGreaterThanOrEqual(q.lowerLimit);
        expect(q.price).toBeLessThanOrEqual(q.upperLimit);
        expect(q.bestBid).toBeLessThanOrEqual(q.price);
        expect(q.bestAsk).toBeGreaterThanOrEqual(q.price);
      }
    }
  });
});

describe('PaperExchange cash, fees and taxes', () => {
  test('a buy fill takes value plus commission (rounded up) and adds the shares at that cost', () => {
    const ex = exchange();
    const { orderNo } = ex.placeOrder(buy('005930', 10, 71_300));
    // 713,000 x 0.015% = 106.95 -> 107
    expect(ex.order(orderNo)).toMatchObject({ filledValue: 713_000, commission: 107, tax: 0 });
    expect(ex.cash()).toBe(10_000_000 - 713_107);
    const pos = ex.positions().find((p) => p.code === '005930');
    expect(pos).toMatchObject({ qty: 110, avgPrice: Math.round((100 * 71_200 + 713_000) / 110) });
  });

  test('a sell fill brings value minus commission and 0.20% tax', () => {
    const ex = exchange();
    const { orderNo } = ex.placeOrder(sell('005930', 10, 71_100));
    // 711,000: commission 106.65 -> 107, tax 1,422
    expect(ex.order(orderNo)).toMatchObject({ filledValue: 711_000, commission: 107, tax: 1_422 });
    expect(ex.cash()).toBe(10_000_000 + 711_000 - 107 - 1_422);
    expect(ex.positions().find((p) => p.code === '005930')?.qty).toBe(90);
  });

  test('fees are rounded on the order total, not on each partial fill', () => {
    const ex = exchange({ liquidityPerStep: 1 });
    const { orderNo } = ex.placeOrder(sell('123450', 3, 990));
    ex.step(5);
    const order = ex.order(orderNo);
    expect(order?.fills).toHaveLength(3);
    expect(order?.commission).toBe(commission(order?.filledValue ?? -1, DEFAULT_FEE_RATES));
    expect(order?.tax).toBe(sellTax(order?.filledValue ?? -1, DEFAULT_FEE_RATES));
    // Per-fill rounding would have charged 1 won of commission on each ~1,000-won fill.
    expect(order?.commission).toBe(1);
  });

  test('custom fee rates are charged', () => {
    const ex = exchange({ fees: { commissionPpm: 1_000, sellTaxPpm: 0 } });
    const { orderNo } = ex.placeOrder(sell('005930', 10, 71_100));
    expect(ex.order(orderNo)).toMatchObject({ commission: 711, tax: 0 });
  });

  test('an open buy reserves value plus commission, and orderable cash drops by it', () => {
    const ex = exchange();
    ex.placeOrder(buy('005930', 10, 71_000));
    expect(ex.cash()).toBe(10_000_000);
    expect(ex.reservedCash()).toBe(710_000 + commission(710_000, DEFAULT_FEE_RATES));
    expect(ex.orderableCash()).toBe(10_000_000 - 710_107);
  });

  test('a market buy reserves at the upper limit, as brokers do', () => {
    const ex = exchange();
    ex.holdFills(true);
    ex.placeOrder(buy('005930', 10));
    expect(ex.reservedCash()).toBe(925_000 + commission(925_000, DEFAULT_FEE_RATES));
  });

  test('a buy costing exactly the orderable cash is accepted; one won more is rejected', () => {
    const cost = 712_000 + commission(712_000, DEFAULT_FEE_RATES);
    const exact = exchange({ account: testAccount({ deposit: cost }) });
    expect(() => exact.placeOrder(buy('005930', 10, 71_200))).not.toThrow();
    expect(exact.orderableCash()).toBe(0);
    const short = exchange({ account: testAccount({ deposit: cost - 1 }) });
    expect(rejectionOf(() => short.placeOrder(buy('005930', 10, 71_200))).code).toBe('2004');
  });

  test('a fill below the reserved limit releases the difference', () => {
    const ex = exchange();
    ex.placeOrder(buy('005930', 10, 72_000));
    expect(ex.reservedCash()).toBe(0);
    expect(ex.orderableCash()).toBe(ex.cash());
    expect(ex.cash()).toBe(10_000_000 - 713_107);
  });

  test('sellable shares exclude shares in open sell orders', () => {
    const ex = exchange();
    ex.placeOrder(sell('005930', 60, 75_000));
    expect(ex.positions().find((p) => p.code === '005930')).toMatchObject({ qty: 100, sellableQty: 40 });
    expect(rejectionOf(() => ex.placeOrder(sell('005930', 41, 75_000))).code).toBe('2005');
    expect(() => ex.placeOrder(sell('005930', 40, 75_000))).not.toThrow();
  });

  test('shares the account file marks as not tradable cannot be sold', () => {
    const account = testAccount();
    const ex = exchange({
      account: {
        ...account,
        positions: [{ code: '005930', name: '삼성전자', qty: 100, price: 71_200, sellableQty: 30 }],
      },
    });
    expect(ex.positions()[0]).toMatchObject({ qty: 100, sellableQty: 30 });
    expect(rejectionOf(() => ex.placeOrder(sell('005930', 31, 75_000))).code).toBe('2005');
    ex.placeOrder(sell('005930', 30));
    expect(ex.positions()[0]).toMatchObject({ qty: 70, sellableQty: 0 });
    ex.assertInvariants();
  });

  test('buying a quoted code that was not held creates a position', () => {
    const ex = exchange();
    ex.placeOrder(buy('373220', 2, 380_500));
    expect(ex.positions().find((p) => p.code === '373220')).toMatchObject({ qty: 2, name: 'LG에너지솔루션' });
  });

  test('selling a whole holding removes it from the positions', () => {
    const ex = exchange();
    ex.placeOrder(sell('000660', 10));
    expect(ex.positions().some((p) => p.code === '000660')).toBe(false);
    ex.assertInvariants();
  });
});

describe('PaperExchange rejections', () => {
  test.each([
    ['an unknown code', buy('999990', 1, 1_000), '1902'],
    ['quantity 0', buy('005930', 0, 71_200), '2001'],
    ['a negative quantity', sell('005930', -5, 71_200), '2001'],
    ['a fractional quantity', buy('005930', 1.5, 71_200), '2001'],
    ['a price off the tick grid', buy('005930', 1, 71_250), '2002'],
    ['a price of 0', buy('005930', 1, 0), '2002'],
    ['a price above the upper limit', buy('005930', 1, 92_600), '2003'],
    ['a price below the lower limit', sell('005930', 1, 49_800), '2003'],
    ['a buy beyond orderable cash', buy('005930', 200, 71_300), '2004'],
    ['a market buy whose upper-limit reservation is beyond orderable cash', buy('005930', 120), '2004'],
    ['selling more than held', sell('005930', 101, 71_200), '2005'],
    ['selling a code not held', sell('373220', 1, 380_000), '2005'],
    [
      'an unsupported order type',
      { side: 'buy', code: '005930', qty: 1, type: 'stop' } as unknown as PaperNewOrder,
      '2008',
    ],
  ])('rejects %s with [%s] and changes nothing', (_name, order, code) => {
    const ex = exchange();
    ex.placeOrder(buy('005930', 1, 71_000)); // some state to preserve
    const before = snapshot(ex);
    const err = rejectionOf(() => ex.placeOrder(order));
    expect(err.code).toBe(code);
    expect(err.returnMsg).toContain(`[${code}:`);
    expect(snapshot(ex)).toBe(before);
  });

  test('rejected orders use no order number', () => {
    const ex = exchange();
    rejectionOf(() => ex.placeOrder(buy('005930', 1, 71_250)));
    const first = ex.placeOrder(buy('005930', 1, 71_000)).orderNo;
    expect(Number(first)).toBe(ex.firstOrderNo);
    expect(ex.placeOrder(buy('005930', 1, 71_000)).orderNo).toBe(plus(first, 1));
  });
});

/** The order number `by` after `orderNo`, as the exchange writes it. */
function plus(orderNo: string, by: number): string {
  return String(Number(orderNo) + by).padStart(7, '0');
}

/** Stands in a table for the number of the order the test placed first. */
const PLACED = 'placed';

describe('PaperExchange amend (정정)', () => {
  test('moves the open quantity to a new order number at the new price; the old order is final', () => {
    const ex = exchange();
    const first = ex.placeOrder(buy('005930', 10, 71_000));
    const receipt = ex.amendOrder({ origOrderNo: first.orderNo, code: '005930', qty: 0, price: 71_200 });
    expect(receipt).toEqual({ orderNo: plus(first.orderNo, 1), rootOrderNo: first.orderNo, qty: 10 });
    expect(ex.order(first.orderNo)).toMatchObject({ status: 'amended', openQty: 0, amendedQty: 10 });
    expect(ex.order(receipt.orderNo)).toMatchObject({
      kind: 'amend',
      origOrderNo: first.orderNo,
      rootOrderNo: first.orderNo,
      price: 71_200,
      qty: 10,
      openQty: 10,
      status: 'open',
    });
    expect(ex.openOrders().map((o) => o.orderNo)).toEqual([receipt.orderNo]);
  });

  test('reports the ROOT order of the chain, while the new order points at its parent', () => {
    const ex = exchange();
    const root = ex.placeOrder(buy('005930', 10, 70_800)).orderNo;
    const parent = ex.amendOrder({ origOrderNo: root, code: '005930', qty: 0, price: 70_900 }).orderNo;
    const receipt = ex.amendOrder({ origOrderNo: parent, code: '005930', qty: 0, price: 71_000 });
    expect(receipt.rootOrderNo).toBe(root);
    expect(ex.order(receipt.orderNo)).toMatchObject({ origOrderNo: parent, rootOrderNo: root });
  });

  test('a partly filled order keeps its fills; only the unfilled rest moves', () => {
    const ex = exchange();
    const first = ex.placeOrder(buy('005930', 120, 72_000)).orderNo; // 50 fill at once
    const receipt = ex.amendOrder({ origOrderNo: first, code: '005930', qty: 0, price: 71_000 });
    expect(receipt.qty).toBe(70);
    expect(ex.order(first)).toMatchObject({ filledQty: 50, amendedQty: 70, status: 'amended' });
    expect(ex.order(receipt.orderNo)).toMatchObject({ qty: 70, openQty: 70 });
    ex.assertInvariants();
  });

  test('amending part of the open quantity leaves the rest on the old order', () => {
    const ex = exchange();
    const first = ex.placeOrder(sell('005930', 10, 72_000)).orderNo;
    const receipt = ex.amendOrder({ origOrderNo: first, code: '005930', qty: 4, price: 71_900 });
    expect(ex.order(first)).toMatchObject({ openQty: 6, status: 'open' });
    expect(ex.order(receipt.orderNo)).toMatchObject({ openQty: 4 });
  });

  test('an amendment to a marketable price fills at once', () => {
    const ex = exchange();
    const first = ex.placeOrder(sell('005930', 10, 72_000)).orderNo;
    const receipt = ex.amendOrder({ origOrderNo: first, code: '005930', qty: 0, price: 71_100 });
    expect(ex.order(receipt.orderNo)).toMatchObject({ status: 'filled', filledValue: 711_000 });
  });

  test('amending a buy re-reserves at the new price', () => {
    const ex = exchange();
    const first = ex.placeOrder(buy('005930', 10, 71_000)).orderNo;
    ex.amendOrder({ origOrderNo: first, code: '005930', qty: 0, price: 70_000 });
    expect(ex.reservedCash()).toBe(700_000 + commission(700_000, DEFAULT_FEE_RATES));
  });

  test('an amendment the freed cash cannot cover is rejected and changes nothing', () => {
    const cost = 710_000 + commission(710_000, DEFAULT_FEE_RATES);
    const ex = exchange({ account: testAccount({ deposit: cost }) });
    const first = ex.placeOrder(buy('005930', 10, 71_000)).orderNo;
    const before = snapshot(ex);
    expect(rejectionOf(() => ex.amendOrder({ origOrderNo: first, code: '005930', qty: 0, price: 71_200 })).code).toBe(
      '2004',
    );
    expect(snapshot(ex)).toBe(before);
  });

  test.each([
    ['an unknown order', '0000099', '005930', 0, 71_000, '2006'],
    ['more than is open', PLACED, '005930', 11, 71_000, '2007'],
    ['another stock code', PLACED, '000660', 0, 198_000, '2009'],
    ['a price off the grid', PLACED, '005930', 0, 71_050, '2002'],
    ['a price beyond the limits', PLACED, '005930', 0, 93_000, '2003'],
    ['a negative quantity', PLACED, '005930', -1, 71_000, '2001'],
  ])('rejects amending %s', (_name, orig, code, qty, price, expected) => {
    const ex = exchange();
    const placed = ex.placeOrder(buy('005930', 10, 70_000)).orderNo;
    const origOrderNo = orig === PLACED ? placed : orig;
    const before = snapshot(ex);
    expect(rejectionOf(() => ex.amendOrder({ origOrderNo, code, qty, price })).code).toBe(expected);
    expect(snapshot(ex)).toBe(before);
  });

  test('rejects amending an order that is already final (filled or amended)', () => {
    const ex = exchange();
    const filled = ex.placeOrder(buy('005930', 10, 71_300)).orderNo;
    expect(rejectionOf(() => ex.amendOrder({ origOrderNo: filled, code: '005930', qty: 0, price: 71_000 })).code).toBe(
      '2006',
    );
    const open = ex.placeOrder(buy('005930', 10, 70_000)).orderNo;
    ex.amendOrder({ origOrderNo: open, code: '005930', qty: 0, price: 70_100 });
    expect(rejectionOf(() => ex.amendOrder({ origOrderNo: open, code: '005930', qty: 0, price: 70_200 })).code).toBe(
      '2006',
    );
  });

  test('rejects amending a market order', () => {
    const ex = exchange();
    ex.holdFills(true);
    const market = ex.placeOrder(buy('005930', 10)).orderNo;
    expect(rejectionOf(() => ex.amendOrder({ origOrderNo: market, code: '005930', qty: 0, price: 71_000 })).code).toBe(
      '2008',
    );
  });
});

describe('PaperExchange cancel', () => {
  test('cancel 0 removes all open quantity under a new order number and releases the reservation', () => {
    const ex = exchange();
    const first = ex.placeOrder(buy('005930', 10, 71_000)).orderNo;
    const receipt = ex.cancelOrder({ origOrderNo: first, code: '005930', qty: 0 });
    expect(receipt).toEqual({ orderNo: plus(first, 1), rootOrderNo: first, qty: 10 });
    expect(ex.order(first)).toMatchObject({ status: 'cancelled', openQty: 0, cancelledQty: 10 });
    expect(ex.cancellations()).toEqual([
      {
        orderNo: receipt.orderNo,
        origOrderNo: first,
        rootOrderNo: first,
        code: '005930',
        side: 'buy',
        qty: 10,
        at: T0,
      },
    ]);
    expect(ex.orderableCash()).toBe(ex.cash());
    expect(ex.openOrders()).toEqual([]);
  });

  test('cancelling an amended order reports the root of the chain', () => {
    const ex = exchange();
    const root = ex.placeOrder(buy('005930', 10, 70_000)).orderNo;
    const amended = ex.amendOrder({ origOrderNo: root, code: '005930', qty: 0, price: 70_100 }).orderNo;
    expect(ex.cancelOrder({ origOrderNo: amended, code: '005930', qty: 0 }).rootOrderNo).toBe(root);
  });

  test('a partial cancel leaves the rest open', () => {
    const ex = exchange();
    const first = ex.placeOrder(sell('005930', 10, 72_000)).orderNo;
    ex.cancelOrder({ origOrderNo: first, code: '005930', qty: 4 });
    expect(ex.order(first)).toMatchObject({ openQty: 6, cancelledQty: 4, status: 'open' });
    expect(ex.positions().find((p) => p.code === '005930')?.sellableQty).toBe(94);
  });

  test('cancelling a partly filled order keeps its fills', () => {
    const ex = exchange();
    const first = ex.placeOrder(sell('005930', 80, 71_100)).orderNo; // 50 fill at once
    ex.cancelOrder({ origOrderNo: first, code: '005930', qty: 0 });
    expect(ex.order(first)).toMatchObject({ filledQty: 50, cancelledQty: 30, status: 'cancelled' });
    ex.step(3);
    expect(ex.order(first)?.filledQty).toBe(50);
    ex.assertInvariants();
  });

  test.each([
    ['an unknown order', '0000099', '005930', 0, '2006'],
    ['more than is open', PLACED, '005930', 11, '2007'],
    ['another stock code', PLACED, '000660', 0, '2009'],
  ])('rejects cancelling %s', (_name, orig, code, qty, expected) => {
    const ex = exchange();
    const placed = ex.placeOrder(buy('005930', 10, 70_000)).orderNo;
    const origOrderNo = orig === PLACED ? placed : orig;
    const before = snapshot(ex);
    expect(rejectionOf(() => ex.cancelOrder({ origOrderNo, code, qty })).code).toBe(expected);
    expect(snapshot(ex)).toBe(before);
  });

  test('rejects cancelling an order that is already cancelled', () => {
    const ex = exchange();
    const first = ex.placeOrder(buy('005930', 10, 70_000)).orderNo;
    ex.cancelOrder({ origOrderNo: first, code: '005930', qty: 0 });
    expect(rejectionOf(() => ex.cancelOrder({ origOrderNo: first, code: '005930', qty: 0 })).code).toBe('2006');
  });
});

describe('PaperExchange order numbers', () => {
  test('are 7 digits and sequential across new, amend and cancel', () => {
    const ex = exchange();
    const first = ex.placeOrder(buy('005930', 10, 70_000)).orderNo;
    const amended = ex.amendOrder({ origOrderNo: first, code: '005930', qty: 0, price: 70_100 }).orderNo;
    const cancel = ex.cancelOrder({ origOrderNo: amended, code: '005930', qty: 0 }).orderNo;
    const next = ex.placeOrder(buy('005930', 1, 70_000)).orderNo;
    expect([first, amended, cancel, next]).toEqual([0, 1, 2, 3].map((i) => plus(first, i)));
    for (const n of [first, amended, cancel, next]) expect(n).toMatch(/^\d{7}$/);
  });

  test('start at a number derived from the start time: 09:30:00 KST gives 3420001', () => {
    const ex = exchange(); // now = T0, 09:30:00 KST
    expect(ex.firstOrderNo).toBe(3_420_001);
    expect(ex.placeOrder(buy('005930', 1, 70_000)).orderNo).toBe('3420001');
  });

  test('a restart later the same day starts above every number the earlier run handed out', () => {
    const earlier = exchange();
    // The bound: 100 numbers per second since the earlier start. Use all of them.
    const handedOut: string[] = [];
    for (let i = 0; i < 100; i++) handedOut.push(earlier.placeOrder(buy('005930', 1, 60_000)).orderNo);
    const later = exchange({ now: () => T0 + 1_000 });
    const fresh = later.placeOrder(buy('005930', 1, 70_000)).orderNo;
    expect(Number(fresh)).toBeGreaterThan(Math.max(...handedOut.map(Number)));
  });

  test('can be given a fixed first number', () => {
    const ex = exchange({ firstOrderNo: 1 });
    expect(ex.placeOrder(buy('005930', 1, 70_000)).orderNo).toBe('0000001');
  });

  test.each([[0], [10_000_000], [1.5], [Number.NaN]])('refuses a first order number of %s', (firstOrderNo) => {
    expect(() => exchange({ firstOrderNo })).toThrow(RangeError);
  });

  test('stops at 9999999 instead of wrapping, changing nothing', () => {
    const ex = exchange({ firstOrderNo: 9_999_999 });
    expect(ex.placeOrder(buy('005930', 1, 70_000)).orderNo).toBe('9999999');
    const before = snapshot(ex);
    expect(() => ex.placeOrder(buy('005930', 1, 70_000))).toThrow(RangeError);
    expect(snapshot(ex)).toBe(before);
  });
});

describe('PaperExchange bookkeeping', () => {
  test('orders() returns snapshots that callers cannot use to change the exchange', () => {
    const ex = exchange();
    ex.placeOrder(buy('005930', 10, 71_300));
    const order = ex.orders()[0];
    if (order === undefined) throw new Error('no order');
    (order.fills as unknown[]).push({ qty: 1 });
    expect(ex.orders()[0]?.fills).toHaveLength(1);
  });

  test('the ledger adds up to the cash and the shares', () => {
    const ex = exchange();
    ex.placeOrder(buy('005930', 10, 71_300));
    ex.placeOrder(sell('000660', 4));
    const l = ex.ledger();
    expect(l.initialCash - l.boughtValue - l.commissions - l.taxes + l.soldValue).toBe(ex.cash());
    expect(l.shares['005930']).toEqual({ initial: 100, bought: 10, sold: 0 });
    expect(l.shares['000660']).toEqual({ initial: 10, bought: 0, sold: 4 });
  });

  test('rejects a bad liquidityPerStep at construction', () => {
    expect(() => exchange({ liquidityPerStep: 0 })).toThrow(RangeError);
  });
});
