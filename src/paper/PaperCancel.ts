import type { Side } from '../domain/types.ts';

/** The record a cancel request leaves (it has an order number of its own but no fills). */
export interface PaperCancel {
  readonly orderNo: string;
  /** The order whose open quantity was cancelled. */
  readonly origOrderNo: string;
  readonly rootOrderNo: string;
  readonly code: string;
  readonly side: Side;
  readonly qty: number;
  readonly at: number;
}
