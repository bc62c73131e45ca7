import { z } from 'zod';
import { wireNumber } from './wireFields.ts';

/** Order numbers are 7 digits on Kiwoom; any run of digits is accepted so a longer format does not break us. */
const orderNo = z.string().trim().regex(/^\d+$/, { error: 'order number must be digits' });

/**
 * kt10000 (buy) / kt10001 (sell) answer.
 * @see shared/reference/kiwoom-rest.md "Orders"
 */
export const placeOrderSchema = z.looseObject({
  ord_no: orderNo,
  dmst_stex_tp: z.string().optional(),
});

/** kt10002 (modify) answer: a new order number; `base_orig_ord_no` is the ROOT of the chain, not the parent. */
export const modifyOrderSchema = z.looseObject({
  ord_no: orderNo,
  base_orig_ord_no: z.string().optional(),
  mdfy_qty: wireNumber.optional(),
});

/** kt10003 (cancel) answer. */
export const cancelOrderSchema = z.looseObject({
  ord_no: orderNo,
  base_orig_ord_no: z.string().optional(),
  cncl_qty: wireNumber.optional(),
});

/** Parsed `placeOrderSchema` (numbers still wire strings). */
export type PlaceOrderResponse = z.infer<typeof placeOrderSchema>;
/** Parsed `modifyOrderSchema` (numbers still wire strings). */
export type ModifyOrderResponse = z.infer<typeof modifyOrderSchema>;
/** Parsed `cancelOrderSchema` (numbers still wire strings). */
export type CancelOrderResponse = z.infer<typeof cancelOrderSchema>;
