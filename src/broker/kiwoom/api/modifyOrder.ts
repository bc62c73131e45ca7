import type { StockCode } from '../../../domain/types.ts';
import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { type ModifyOrderResponse, modifyOrderSchema } from '../schema/orderSchema.ts';
import { KIWOOM_PATHS, ORDER_EXCHANGE } from './paths.ts';

/** A price change of an open order. */
export interface ModifyOrderRequest {
  readonly origOrderNo: string;
  readonly code: StockCode;
  /** Shares to move; 0 moves all that remains. */
  readonly qty: number;
  readonly price: number;
}

/**
 * kt10002 (정정): moves shares of an open order to a new price under a new order number.
 * @see shared/reference/kiwoom-rest.md "Orders"
 */
export function modifyOrder(http: KiwoomHttp, request: ModifyOrderRequest): Promise<ModifyOrderResponse> {
  return http.request({
    apiId: 'kt10002',
    path: KIWOOM_PATHS.order,
    kind: 'order',
    body: {
      dmst_stex_tp: ORDER_EXCHANGE,
      orig_ord_no: request.origOrderNo,
      stk_cd: request.code,
      mdfy_qty: String(request.qty),
      mdfy_uv: String(request.price),
      mdfy_cond_uv: '',
    },
    schema: modifyOrderSchema,
  });
}
