import type { OrderType } from '../domain/OrderType.ts';
import type { Side } from '../domain/types.ts';

/** One fill of an order. */
export interface PaperFill {
  readonly qty: number;
  readonly price: number;
  /** Date.now()-style time of the fill. */
  readonly at: number;
  /** Commission charged for this fill, won. */
  readonly commission: number;
  /** Sales tax charged for this fill, won (0 for buys). */
  readonly tax: number;
}

/** Lifecycle state: open while any quantity is open; otherwise how the last open quantity ended. */
export type PaperOrderStatus = 'open' | 'filled' | 'cancelled' | 'amended';

/**
 * An accepted order (a new order or the order an amendment created), with its fills, as the exchange shows it.
 * The exchange keeps its own orders as MutableOrder (MutableOrder.ts), which is derived from this type.
 */
export interface PaperOrder {
  /** 7-digit order number. */
  readonly orderNo: string;
  /** For an amendment: the order it amended; undefined for a new order. */
  readonly origOrderNo: string | undefined;
  /** The first order of the amendment chain (the order itself for a new order). */
  readonly rootOrderNo: string;
  readonly kind: 'new' | 'amend';
  readonly side: Side;
  readonly type: OrderType;
  readonly code: string;
  readonly name: string;
  /** Limit price; 0 for market orders. */
  readonly price: number;
  /** Quantity the order was accepted with. */
  readonly qty: number;
  readonly filledQty: number;
  /** Sum of fill qty x fill price, won. */
  readonly filledValue: number;
  /** Cumulative commission, won. */
  readonly commission: number;
  /** Cumulative sales tax, won. */
  readonly tax: number;
  /** Quantity taken away by cancels. */
  readonly cancelledQty: number;
  /** Quantity moved to amendment orders. */
  readonly amendedQty: number;
  /** Quantity still open: qty - filled - cancelled - amended. */
  readonly openQty: number;
  readonly status: PaperOrderStatus;
  /** Date.now()-style time the order was accepted. */
  readonly acceptedAt: number;
  readonly fills: readonly PaperFill[];
}
