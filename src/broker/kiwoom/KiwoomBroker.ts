import type { ClockOffset } from '../../domain/brokerClockOffset.ts';
import type { Execution } from '../../domain/Execution.ts';
import type { MarketQuote } from '../../domain/MarketQuote.ts';
import type { OpenOrder } from '../../domain/OpenOrder.ts';
import { isStockCode } from '../../domain/stockCode.ts';
import type { StockCode } from '../../domain/types.ts';
import type {
  AmendOrder,
  BrokerAccount,
  CancelOrder,
  NewOrder,
  OrderAck,
  Orderable,
  OrderableBroker,
} from '../Broker.ts';
import { BusinessRejectionError } from '../errors/BusinessRejectionError.ts';
import { InvalidResponseError } from '../errors/InvalidResponseError.ts';
import { cancelOrder } from './api/cancelOrder.ts';
import { getBalance } from './api/getBalance.ts';
import { getBasicInfo } from './api/getBasicInfo.ts';
import { getDeposit } from './api/getDeposit.ts';
import { getExecutedOrders } from './api/getExecutedOrders.ts';
import { getOrderableAmount } from './api/getOrderableAmount.ts';
import { getOrderBook } from './api/getOrderBook.ts';
import { getUnfilledOrders } from './api/getUnfilledOrders.ts';
import { modifyOrder } from './api/modifyOrder.ts';
import { sendOrder } from './api/sendOrder.ts';
import type { BrokerClockGauge } from './BrokerClockGauge.ts';
import type { KiwoomHttp } from './KiwoomHttp.ts';
import { KiwoomMapper } from './KiwoomMapper.ts';

/**
 * The Broker port over the Kiwoom REST API (live, mock, or the built-in paper exchange). Inputs are checked before
 * anything is sent: a bad request throws BusinessRejectionError and sends nothing.
 */
export class KiwoomBroker implements OrderableBroker {
  constructor(
    private readonly http: KiwoomHttp,
    private readonly clockGauge?: BrokerClockGauge,
  ) {}

  /**
   * The broker's clock minus ours, from the listed times of the orders this client placed, else from the Date headers
   * of its answers; undefined until either was seen (see BrokerClockGauge).
   */
  clockOffset(): ClockOffset | undefined {
    return this.clockGauge?.offset();
  }

  /** kt00001 (cash) + kt00018 (holdings). */
  async getAccount(): Promise<BrokerAccount> {
    const deposit = await getDeposit(this.http);
    const holdings = await getBalance(this.http);
    return KiwoomMapper.toAccount(deposit, holdings);
  }

  /**
   * kt00010: what a buy of `code` at `price` may spend, as the broker computes it (orderable cash and the whole
   * shares it buys, commission included). Nothing in the engine calls it yet (buy re-sizing uses
   * getAccount().orderableCash); it is here so that it can.
   */
  async getOrderable(code: StockCode, price: number): Promise<Orderable> {
    checkCode(code);
    checkWhole(price, 'price', 1);
    const answer = await getOrderableAmount(this.http, code, price);
    return KiwoomMapper.toOrderable(answer, code, price);
  }

  /** ka10001 (price, limits) + ka10004 (best bid/ask). */
  async getQuote(code: StockCode): Promise<MarketQuote> {
    checkCode(code);
    const info = await getBasicInfo(this.http, code);
    const book = await getOrderBook(this.http, code);
    const quote = KiwoomMapper.toQuote(info, book);
    if (quote.code !== code) {
      throw new InvalidResponseError(`Kiwoom ka10001 answered for ${quote.code} when asked for ${code}`);
    }
    return quote;
  }

  /** kt10000 / kt10001. Sent once: a timeout is an UnknownOutcomeError, never a silent second order. */
  async placeOrder(order: NewOrder): Promise<OrderAck> {
    if (order.side !== 'buy' && order.side !== 'sell') reject('side must be buy or sell');
    checkCode(order.code);
    checkWhole(order.qty, 'qty', 1);
    let price: number | undefined;
    if (order.type === 'limit') {
      if (order.price === undefined) reject('a limit order needs a price');
      checkWhole(order.price, 'price', 1);
      price = order.price;
    } else if (order.type === 'market') {
      if (order.price !== undefined) reject('a market order takes no price');
    } else {
      reject('type must be limit or market');
    }
    const sentAt = this.clockGauge?.now();
    const answer = await sendOrder(this.http, { side: order.side, code: order.code, qty: order.qty, price });
    const ack = KiwoomMapper.toOrderAck(answer);
    // The order was accepted between these two instants: its listed time will tell the broker's clock.
    if (this.clockGauge !== undefined && sentAt !== undefined) {
      this.clockGauge.notePlaced(ack.orderNo, sentAt, this.clockGauge.now());
    }
    return ack;
  }

  /** kt10002: the unfilled shares move to a new order number at the new price. */
  async amendOrder(amend: AmendOrder): Promise<OrderAck> {
    checkOrderNo(amend.orderNo);
    checkCode(amend.code);
    checkWhole(amend.qty, 'qty', 0);
    checkWhole(amend.price, 'price', 1);
    const answer = await modifyOrder(this.http, {
      origOrderNo: amend.orderNo,
      code: amend.code,
      qty: amend.qty,
      price: amend.price,
    });
    return KiwoomMapper.toOrderAck(answer);
  }

  /** kt10003; qty 0 cancels all that remains. */
  async cancelOrder(cancel: CancelOrder): Promise<OrderAck> {
    checkOrderNo(cancel.orderNo);
    checkCode(cancel.code);
    checkWhole(cancel.qty, 'qty', 0);
    const answer = await cancelOrder(this.http, { origOrderNo: cancel.orderNo, code: cancel.code, qty: cancel.qty });
    return KiwoomMapper.toOrderAck(answer);
  }

  /** ka10075, keeping only rows that still have unfilled shares. */
  async getOpenOrders(): Promise<OpenOrder[]> {
    const rows = (await getUnfilledOrders(this.http)).map(KiwoomMapper.toOpenOrder);
    for (const o of rows) this.clockGauge?.noteListed(o.orderNo, o.time);
    return rows.filter((o) => o.unfilledQty > 0);
  }

  /** ka10076. */
  async getExecutions(): Promise<Execution[]> {
    const rows = (await getExecutedOrders(this.http)).map(KiwoomMapper.toExecution);
    for (const e of rows) this.clockGauge?.noteListed(e.orderNo, e.time);
    return rows;
  }
}

function reject(why: string): never {
  throw new BusinessRejectionError(`Kiwoom request not sent: ${why}`);
}

function checkCode(code: unknown): void {
  if (typeof code !== 'string' || !isStockCode(code))
    reject(`not a stock code: ${JSON.stringify(String(code).slice(0, 20))}`);
}

function checkOrderNo(orderNo: unknown): void {
  if (typeof orderNo !== 'string' || !/^\d{1,20}$/.test(orderNo)) reject('order number must be digits');
}

function checkWhole(value: unknown, name: string, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    reject(`${name} must be a whole number >= ${min}, got ${JSON.stringify(value)}`);
  }
}
