import { z } from 'zod';
import { wireNumber } from './wireFields.ts';

/**
 * ka10004 order book: best ask (`sel_fpr_bid`) and best bid (`buy_fpr_bid`); empty when a side has no orders.
 * @see shared/reference/kiwoom-rest.md "Market data"
 */
export const orderBookSchema = z.looseObject({
  sel_fpr_bid: wireNumber,
  buy_fpr_bid: wireNumber,
});

/** Parsed `orderBookSchema` (numbers still wire strings). */
export type OrderBookResponse = z.infer<typeof orderBookSchema>;
