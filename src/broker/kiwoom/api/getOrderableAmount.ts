import type { StockCode } from '../../../domain/types.ts';
import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { type OrderableResponse, orderableSchema } from '../schema/orderableSchema.ts';
import { KIWOOM_PATHS } from './paths.ts';

/**
 * kt00010 (주문인출가능금액): orderable cash and the buyable quantity of `code` at `price` (`trde_tp` 2 = buy).
 * @see docs/KIWOOM_PROTOCOL.md "kt00010"
 */
export function getOrderableAmount(http: KiwoomHttp, code: StockCode, price: number): Promise<OrderableResponse> {
  return http.request({
    apiId: 'kt00010',
    path: KIWOOM_PATHS.account,
    kind: 'query',
    body: { stk_cd: code, trde_tp: '2', uv: String(price) },
    schema: orderableSchema,
  });
}
