import type { StockCode } from '../../../domain/types.ts';
import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { type CancelOrderResponse, cancelOrderSchema } from '../schema/orderSchema.ts';
import { KIWOOM_PATHS, ORDER_EXCHANGE } from './paths.ts';

/** A cancellation of (part of) an open order. */
export interface CancelOrderRequest {
  readonly origOrderNo: string;
  readonly code: StockCode;
  /** Shares to cancel; 0 cancels all that remains. */
  readonly qty: number;
}

/**
 * kt10003 (취소).
 * @see shared/reference/kiwoom-rest.md "Orders"
 */
export function cancelOrder(http: KiwoomHttp, request: CancelOrderRequest): Promise<CancelOrderResponse> {
  return http.request({
    apiId: 'kt10003',
    path: KIWOOM_PATHS.order,
    kind: 'order',
    body: {
      dmst_stex_tp: ORDER_EXCHANGE,
      orig_ord_no: request.origOrderNo,
      stk_cd: request.code,
      cncl_qty: String(request.qty),
    },
    schema: cancelOrderSchema,
  });
}
