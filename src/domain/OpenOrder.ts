import type { Side, StockCode } from './types.ts';

/** An order the broker lists as still open today. */
export interface OpenOrder {
  readonly orderNo: string;
  /** The order this one amended, or undefined for an original order. */
  readonly origOrderNo?: string;
  readonly code: StockCode;
  readonly name: string;
  readonly side: Side;
  readonly orderQty: number;
  /** Limit price; 0 for market orders. */
  readonly price: number;
  readonly unfilledQty: number;
  readonly filledQty: number;
  /** Time the order was accepted, HHmmss KST. */
  readonly time: string;
}
