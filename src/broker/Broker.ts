import type { ClockOffset } from '../domain/brokerClockOffset.ts';
import type { Execution } from '../domain/Execution.ts';
import type { MarketQuote } from '../domain/MarketQuote.ts';
import type { OpenOrder } from '../domain/OpenOrder.ts';
import type { OrderType } from '../domain/OrderType.ts';
import type { Side, StockCode } from '../domain/types.ts';

/**
 * The narrow port the rest of the product uses to talk to a broker. Domain types only: no wire format leaks out.
 * Implementations: the Kiwoom REST client (live, mock, and against the built-in paper exchange).
 *
 * Errors are thrown as subclasses of BrokerError (see ./errors): check `retryable`, and treat
 * UnknownOutcomeError from placeOrder/amendOrder/cancelOrder as "may have happened: reconcile before acting".
 */
export interface Broker {
  /** Orderable cash and holdings. */
  getAccount(): Promise<BrokerAccount>;
  /** Current price, best bid/ask and today's price limits of one code. */
  getQuote(code: StockCode): Promise<MarketQuote>;
  /** Sends a new order. Never retried on an unknown outcome. */
  placeOrder(order: NewOrder): Promise<OrderAck>;
  /** Moves the unfilled quantity of an open limit order to a new price; the broker gives it a new order number. */
  amendOrder(amend: AmendOrder): Promise<OrderAck>;
  /** Cancels the unfilled quantity of an open order. */
  cancelOrder(cancel: CancelOrder): Promise<OrderAck>;
  /** Today's orders that still have an unfilled quantity. */
  getOpenOrders(): Promise<OpenOrder[]>;
  /** Today's orders with their fills (filled, partially filled, and the order records that carry fills). */
  getExecutions(): Promise<Execution[]>;
  /**
   * The broker's clock minus ours, as measured from its answers (undefined until measured, or when the broker does
   * not say). Its order lists are stamped on its clock (see matchUnknownOrder).
   */
  clockOffset?(): ClockOffset | undefined;
}

/**
 * A Broker that can also say what a buy may spend (Kiwoom kt00010). Kept apart from Broker so every Broker (and
 * every test stand-in) stays valid; `canQueryOrderable` tells them apart.
 */
export interface OrderableBroker extends Broker {
  /** Orderable cash now and how many whole shares of `code` it buys at `price`, commission included. */
  getOrderable(code: StockCode, price: number): Promise<Orderable>;
}

/** True when `broker` offers getOrderable. */
export function canQueryOrderable(broker: Broker): broker is OrderableBroker {
  return typeof (broker as Partial<OrderableBroker>).getOrderable === 'function';
}

/** What the broker says a buy of one code at one price may spend. */
export interface Orderable {
  readonly code: StockCode;
  readonly price: number;
  /** Cash that can fund a buy now, without margin (Kiwoom kt00010 `ord_alowa`). */
  readonly orderableCash: number;
  /** Whole shares that cash buys at `price`, commission included (Kiwoom kt00010 `profa_100ord_alowq`). */
  readonly orderableQty: number;
}

export interface BrokerAccount {
  /** Cash that can fund new buy orders now, without margin (Kiwoom kt00001 `ord_alow_amt`). */
  readonly orderableCash: number;
  /** Cash deposit (Kiwoom kt00001 `entr`). */
  readonly deposit: number;
  readonly positions: readonly BrokerPosition[];
}

export interface BrokerPosition {
  readonly code: StockCode;
  readonly name: string;
  readonly qty: number;
  /** Shares that can be sold now (Kiwoom `trde_able_qty`). */
  readonly sellableQty: number;
  readonly price: number;
  /** Average purchase price. */
  readonly avgPrice: number;
}

export interface NewOrder {
  readonly side: Side;
  readonly code: StockCode;
  readonly qty: number;
  readonly type: OrderType;
  /** Limit price in won, on a valid tick; omitted for market orders. */
  readonly price?: number;
}

export interface AmendOrder {
  readonly orderNo: string;
  readonly code: StockCode;
  /** Shares to move to the new price; the order's whole unfilled quantity in practice. */
  readonly qty: number;
  readonly price: number;
}

export interface CancelOrder {
  readonly orderNo: string;
  readonly code: StockCode;
  /** Shares to cancel; 0 cancels all that remains. */
  readonly qty: number;
}

export interface OrderAck {
  /** The order number this request created (7 digits, kept as a string). */
  readonly orderNo: string;
  /** For amend and cancel: the root order number the chain started from. */
  readonly rootOrderNo?: string;
}
