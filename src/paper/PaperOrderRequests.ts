import type { OrderType } from '../domain/OrderType.ts';
import type { Side } from '../domain/types.ts';

/**
 * What the exchange's order entry takes (a new order, an amend, a cancel) and what an accepted request returns:
 * the three requests and their one receipt are read together, so they share a file.
 */

/** A new order as the exchange takes it. */
export interface PaperNewOrder {
  readonly side: Side;
  readonly code: string;
  readonly qty: number;
  readonly type: OrderType;
  /** Limit price; ignored for market orders. */
  readonly price?: number | undefined;
}

/** An amend request: move `qty` (0 = all open) of `origOrderNo` to `price`. */
export interface PaperAmendRequest {
  readonly origOrderNo: string;
  readonly code: string;
  readonly qty: number;
  readonly price: number;
}

/** A cancel request: take `qty` (0 = all open) of `origOrderNo` away. */
export interface PaperCancelRequest {
  readonly origOrderNo: string;
  readonly code: string;
  readonly qty: number;
}

/** What an accepted request returns. */
export interface PaperReceipt {
  /** The order number this request created. */
  readonly orderNo: string;
  /** The root of the chain (for a new order: the order itself). */
  readonly rootOrderNo: string;
  /** Quantity ordered, amended or cancelled. */
  readonly qty: number;
}
