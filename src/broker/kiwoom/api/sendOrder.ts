import type { Side, StockCode } from '../../../domain/types.ts';
import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { type PlaceOrderResponse, placeOrderSchema } from '../schema/orderSchema.ts';
import { KIWOOM_PATHS, ORDER_EXCHANGE } from './paths.ts';

/** A new order in wire terms: a limit order carries a price, a market order none. */
export interface SendOrderRequest {
  readonly side: Side;
  readonly code: StockCode;
  readonly qty: number;
  /** Limit price in won; undefined sends a market order. */
  readonly price: number | undefined;
}

/** trde_tp: 0 limit (보통), 3 market (시장가). */
const TRADE_TYPE = { limit: '0', market: '3' } as const;

/**
 * kt10000 (buy) / kt10001 (sell). All values are strings; a market order sends an empty `ord_uv`.
 * @see shared/reference/kiwoom-rest.md "Orders"
 */
export function sendOrder(http: KiwoomHttp, order: SendOrderRequest): Promise<PlaceOrderResponse> {
  return http.request({
    apiId: order.side === 'buy' ? 'kt10000' : 'kt10001',
    path: KIWOOM_PATHS.order,
    kind: 'order',
    body: {
      dmst_stex_tp: ORDER_EXCHANGE,
      stk_cd: order.code,
      ord_qty: String(order.qty),
      ord_uv: order.price === undefined ? '' : String(order.price),
      trde_tp: order.price === undefined ? TRADE_TYPE.market : TRADE_TYPE.limit,
      cond_uv: '',
    },
    schema: placeOrderSchema,
  });
}
