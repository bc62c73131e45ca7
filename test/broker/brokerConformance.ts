import { afterEach, describe, expect, test } from 'vitest';
import type { Broker, BrokerAccount } from '../../src/broker/Broker.ts';
import { BrokerError } from '../../src/broker/errors/BrokerError.ts';
import { BusinessRejectionError } from '../../src/broker/errors/BusinessRejectionError.ts';
import type { Execution } from '../../src/domain/Execution.ts';

/** The account every conformance check starts from (same shape as the paper account file). */
export interface ConformanceAccount {
  readonly deposit: number;
  readonly positions: ReadonlyArray<{ code: string; name: string; qty: number; price: number }>;
  readonly quotes: ReadonlyArray<{ code: string; name: string; price: number }>;
}

/** What a subject must be built with. */
export interface ConformanceFixture {
  readonly account: ConformanceAccount;
  /** Most shares one order fills per matching event, so partial fills can be seen. */
  readonly liquidityPerStep: number;
  /** Rows per page of list answers, so paging is exercised. */
  readonly pageSize: number;
}

/** A Broker under test plus a hand on its market (a fake exchange or a simulator behind it). */
export interface ConformanceSubject {
  readonly broker: Broker;
  /** Forces the last price of a code (then resting orders match against the new book). */
  setPrice(code: string, price: number): void;
  close(): Promise<void>;
}

const SAMSUNG = { code: '005930', name: '삼성전자', qty: 100, price: 71_200 } as const;
const HYNIX = { code: '000660', name: 'SK하이닉스', price: 190_500 } as const;
const DEPOSIT = 10_000_000;
/** KRX limits of a 71,200 base: +-30% of the base truncated to the tick. @see shared/reference/krx-rules.md */
const SAMSUNG_LIMITS = { upper: 92_500, lower: 49_900 };

/** The fixture every subject is built from. */
export const CONFORMANCE_FIXTURE: ConformanceFixture = {
  account: { deposit: DEPOSIT, positions: [SAMSUNG], quotes: [HYNIX] },
  liquidityPerStep: 4,
  pageSize: 5,
};

/**
 * Runs the same behavioural checks against any Broker implementation (style of bullmq's adapter-conformance tests).
 * Cash is checked exactly against what the executions report: every sell adds value - commission - tax, every buy
 * takes value + commission. The checks drive fills only at one price per order, so value = filledQty x fillPrice.
 */
export function describeBrokerConformance(
  name: string,
  makeSubject: (fixture: ConformanceFixture) => Promise<ConformanceSubject>,
): void {
  describe(`Broker conformance: ${name}`, () => {
    let subject: ConformanceSubject | undefined;

    afterEach(async () => {
      await subject?.close();
      subject = undefined;
    });

    async function start(): Promise<ConformanceSubject> {
      subject = await makeSubject(CONFORMANCE_FIXTURE);
      return subject;
    }

    test('reports the starting cash and holdings', async () => {
      const { broker } = await start();
      expect(await broker.getAccount()).toEqual({
        orderableCash: DEPOSIT,
        deposit: DEPOSIT,
        positions: [
          {
            code: SAMSUNG.code,
            name: SAMSUNG.name,
            qty: 100,
            sellableQty: 100,
            price: SAMSUNG.price,
            avgPrice: SAMSUNG.price,
          },
        ],
      });
    });

    test('quotes a code with its daily limits and a book around the last price', async () => {
      const { broker } = await start();
      const quote = await broker.getQuote(SAMSUNG.code);
      expect(quote).toMatchObject({
        code: SAMSUNG.code,
        name: SAMSUNG.name,
        price: SAMSUNG.price,
        basePrice: SAMSUNG.price,
        upperLimit: SAMSUNG_LIMITS.upper,
        lowerLimit: SAMSUNG_LIMITS.lower,
      });
      expect(quote.bestBid).toBeLessThanOrEqual(quote.price);
      expect(quote.bestAsk).toBeGreaterThanOrEqual(quote.price);
      expect(quote.bestBid).toBeGreaterThan(0);
    });

    test('places a resting limit buy, shows it open, amends it to a new order number, then cancels it', async () => {
      const { broker } = await start();
      const placed = await broker.placeOrder({
        side: 'buy',
        code: SAMSUNG.code,
        qty: 10,
        type: 'limit',
        price: 70_000,
      });
      expect(placed.orderNo).toMatch(/^\d{7}$/);

      const open = await broker.getOpenOrders();
      expect(open).toEqual([
        expect.objectContaining({
          orderNo: placed.orderNo,
          code: SAMSUNG.code,
          side: 'buy',
          orderQty: 10,
          price: 70_000,
          unfilledQty: 10,
          filledQty: 0,
        }),
      ]);
      expect(open[0]?.origOrderNo).toBeUndefined();
      expect(open[0]?.time).toMatch(/^\d{6}$/);
      const reserved = await broker.getAccount();
      expect(reserved.deposit).toBe(DEPOSIT);
      expect(reserved.orderableCash).toBeLessThanOrEqual(DEPOSIT - 10 * 70_000);

      const amended = await broker.amendOrder({ orderNo: placed.orderNo, code: SAMSUNG.code, qty: 10, price: 70_100 });
      expect(amended.orderNo).not.toBe(placed.orderNo);
      expect(amended.rootOrderNo).toBe(placed.orderNo);
      expect(await broker.getOpenOrders()).toEqual([
        expect.objectContaining({
          orderNo: amended.orderNo,
          origOrderNo: placed.orderNo,
          price: 70_100,
          unfilledQty: 10,
        }),
      ]);

      const cancelled = await broker.cancelOrder({ orderNo: amended.orderNo, code: SAMSUNG.code, qty: 0 });
      expect(cancelled.orderNo).not.toBe(amended.orderNo);
      expect(await broker.getOpenOrders()).toEqual([]);
      expect(await broker.getExecutions()).toEqual([]);
      expect(await broker.getAccount()).toMatchObject({ orderableCash: DEPOSIT, deposit: DEPOSIT });
    });

    test('fills a marketable buy partially, then fully as the market trades, with cash exactly consistent', async () => {
      const { broker, setPrice } = await start();
      const quote = await broker.getQuote(SAMSUNG.code);
      const placed = await broker.placeOrder({
        side: 'buy',
        code: SAMSUNG.code,
        qty: 10,
        type: 'limit',
        price: quote.bestAsk,
      });

      const partial = await broker.getOpenOrders();
      expect(partial).toEqual([expect.objectContaining({ orderNo: placed.orderNo, unfilledQty: 6, filledQty: 4 })]);
      const partialFill = await executionOf(broker, placed.orderNo);
      expect(partialFill).toMatchObject({ filledQty: 4, unfilledQty: 6, fillPrice: quote.bestAsk, side: 'buy' });

      // Same price again: the book refreshes and the rest fills at the same ask.
      setPrice(SAMSUNG.code, quote.price);
      setPrice(SAMSUNG.code, quote.price);
      expect(await broker.getOpenOrders()).toEqual([]);
      const fill = await executionOf(broker, placed.orderNo);
      expect(fill).toMatchObject({
        filledQty: 10,
        unfilledQty: 0,
        fillPrice: quote.bestAsk,
        orderQty: 10,
        orderPrice: quote.bestAsk,
      });
      expect(fill.commission).toBeGreaterThan(0);
      expect(fill.tax).toBe(0);

      const account = await broker.getAccount();
      expectCashConsistent(account, await broker.getExecutions());
      expect(account.orderableCash).toBe(account.deposit);
      expect(account.positions).toEqual([expect.objectContaining({ code: SAMSUNG.code, qty: 110, sellableQty: 110 })]);
    });

    test('fills a resting limit when the price crosses it', async () => {
      const { broker, setPrice } = await start();
      const placed = await broker.placeOrder({ side: 'buy', code: SAMSUNG.code, qty: 3, type: 'limit', price: 70_000 });
      expect(await broker.getExecutions()).toEqual([]);
      setPrice(SAMSUNG.code, 69_900);
      expect(await broker.getOpenOrders()).toEqual([]);
      const fill = await executionOf(broker, placed.orderNo);
      expect(fill.filledQty).toBe(3);
      expect(fill.fillPrice).toBeLessThanOrEqual(70_000);
      expectCashConsistent(await broker.getAccount(), await broker.getExecutions());
    });

    test('sells with commission and transaction tax, and cash follows exactly', async () => {
      const { broker, setPrice } = await start();
      const quote = await broker.getQuote(SAMSUNG.code);
      const placed = await broker.placeOrder({
        side: 'sell',
        code: SAMSUNG.code,
        qty: 12,
        type: 'limit',
        price: quote.bestBid,
      });
      const during = await broker.getAccount();
      expect(during.positions[0]).toMatchObject({ qty: 96, sellableQty: 88 });
      setPrice(SAMSUNG.code, quote.price);
      setPrice(SAMSUNG.code, quote.price);
      const fill = await executionOf(broker, placed.orderNo);
      expect(fill).toMatchObject({ side: 'sell', filledQty: 12, unfilledQty: 0, fillPrice: quote.bestBid });
      expect(fill.tax).toBeGreaterThan(0);
      const account = await broker.getAccount();
      expectCashConsistent(account, await broker.getExecutions());
      expect(account.positions).toEqual([expect.objectContaining({ code: SAMSUNG.code, qty: 88, sellableQty: 88 })]);
    });

    test('fills a market buy at the best ask and opens a new position', async () => {
      const { broker } = await start();
      const quote = await broker.getQuote(HYNIX.code);
      const placed = await broker.placeOrder({ side: 'buy', code: HYNIX.code, qty: 3, type: 'market' });
      const fill = await executionOf(broker, placed.orderNo);
      expect(fill).toMatchObject({ code: HYNIX.code, filledQty: 3, fillPrice: quote.bestAsk, orderPrice: 0 });
      const account = await broker.getAccount();
      expectCashConsistent(account, await broker.getExecutions());
      expect(account.positions).toContainEqual(
        expect.objectContaining({
          code: HYNIX.code,
          name: HYNIX.name,
          qty: 3,
          sellableQty: 3,
          avgPrice: quote.bestAsk,
        }),
      );
    });

    test('amends a partially filled order: only the unfilled shares move, the fills stay with the old number', async () => {
      const { broker } = await start();
      const quote = await broker.getQuote(SAMSUNG.code);
      const placed = await broker.placeOrder({
        side: 'buy',
        code: SAMSUNG.code,
        qty: 10,
        type: 'limit',
        price: quote.bestAsk,
      });
      const amended = await broker.amendOrder({ orderNo: placed.orderNo, code: SAMSUNG.code, qty: 6, price: 70_000 });
      expect(await broker.getOpenOrders()).toEqual([
        expect.objectContaining({
          orderNo: amended.orderNo,
          origOrderNo: placed.orderNo,
          orderQty: 6,
          unfilledQty: 6,
          price: 70_000,
        }),
      ]);
      expect(await executionOf(broker, placed.orderNo)).toMatchObject({ filledQty: 4, unfilledQty: 0 });
    });

    test('cancels the rest of a partially filled order and keeps the fills', async () => {
      const { broker } = await start();
      const quote = await broker.getQuote(SAMSUNG.code);
      const placed = await broker.placeOrder({
        side: 'buy',
        code: SAMSUNG.code,
        qty: 10,
        type: 'limit',
        price: quote.bestAsk,
      });
      await broker.cancelOrder({ orderNo: placed.orderNo, code: SAMSUNG.code, qty: 0 });
      expect(await broker.getOpenOrders()).toEqual([]);
      expect(await executionOf(broker, placed.orderNo)).toMatchObject({ filledQty: 4, unfilledQty: 0 });
      const account = await broker.getAccount();
      expectCashConsistent(account, await broker.getExecutions());
      expect(account.orderableCash).toBe(account.deposit);
      expect(account.positions[0]).toMatchObject({ qty: 104 });
    });

    test('lists every open order across pages', async () => {
      const { broker } = await start();
      const placed: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        placed.push(
          (await broker.placeOrder({ side: 'buy', code: SAMSUNG.code, qty: 1, type: 'limit', price: 60_000 + i * 100 }))
            .orderNo,
        );
      }
      const open = await broker.getOpenOrders();
      expect(open.map((o) => o.orderNo).sort()).toEqual([...placed].sort());
    });

    test.each([
      ['a price off the tick grid', { side: 'buy', code: '005930', qty: 1, type: 'limit', price: 71_250 }],
      ['a price above the upper limit', { side: 'buy', code: '005930', qty: 1, type: 'limit', price: 92_600 }],
      ['a buy beyond the cash', { side: 'buy', code: '005930', qty: 200, type: 'limit', price: 71_200 }],
      ['a sale of more shares than held', { side: 'sell', code: '005930', qty: 101, type: 'limit', price: 71_200 }],
      ['an unknown stock', { side: 'buy', code: '999999', qty: 1, type: 'limit', price: 10_000 }],
    ] as const)('rejects %s as a business rejection and changes nothing', async (_what, order) => {
      const { broker } = await start();
      const before = await broker.getAccount();
      const err = await broker.placeOrder(order).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BusinessRejectionError);
      expect((err as BrokerError).retryable).toBe(false);
      expect(await broker.getAccount()).toEqual(before);
      expect(await broker.getOpenOrders()).toEqual([]);
    });

    test('rejects amending or cancelling an order that does not exist', async () => {
      const { broker } = await start();
      await expect(broker.cancelOrder({ orderNo: '0999999', code: SAMSUNG.code, qty: 0 })).rejects.toThrow(
        BusinessRejectionError,
      );
      await expect(
        broker.amendOrder({ orderNo: '0999999', code: SAMSUNG.code, qty: 1, price: 70_000 }),
      ).rejects.toThrow(BusinessRejectionError);
    });

    test('rejects a quote for an unknown stock', async () => {
      const { broker } = await start();
      const err = await broker.getQuote('999999').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BrokerError);
      expect((err as BrokerError).retryable).toBe(false);
    });
  });
}

async function executionOf(broker: Broker, orderNo: string): Promise<Execution> {
  const found = (await broker.getExecutions()).find((e) => e.orderNo === orderNo);
  if (found === undefined) throw new Error(`no execution reported for order ${orderNo}`);
  return found;
}

/** deposit = start + sum(sells: value - commission - tax) - sum(buys: value + commission), to the won. */
function expectCashConsistent(account: BrokerAccount, executions: readonly Execution[]): void {
  let expected = DEPOSIT;
  for (const e of executions) {
    const value = e.filledQty * e.fillPrice;
    expected += e.side === 'sell' ? value - e.commission - e.tax : -(value + e.commission);
  }
  expect(account.deposit).toBe(expected);
}
