import type { Side, StockCode } from './types.ts';

/** One order in the broker's executed list of today (filled quantity, average price, costs). */
export interface Execution {
  readonly orderNo: string;
  readonly origOrderNo?: string;
  readonly code: StockCode;
  readonly side: Side;
  readonly orderQty: number;
  readonly orderPrice: number;
  readonly filledQty: number;
  /** Average fill price in won; 0 when nothing filled. */
  readonly fillPrice: number;
  readonly unfilledQty: number;
  /** Commission charged today for this order, in won. */
  readonly commission: number;
  /** Transaction tax charged today for this order, in won. */
  readonly tax: number;
  /** Broker status text (접수, 체결, 확인, 취소, 거부). */
  readonly status: string;
  /** Order time, HHmmss KST. */
  readonly time: string;
}
