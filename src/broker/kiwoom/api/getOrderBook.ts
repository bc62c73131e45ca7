import type { StockCode } from '../../../domain/types.ts';
import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { type OrderBookResponse, orderBookSchema } from '../schema/orderBookSchema.ts';
import { KIWOOM_PATHS } from './paths.ts';

/**
 * ka10004 (주식호가): best bid and ask of one KRX code.
 * @see shared/reference/kiwoom-rest.md "Market data"
 */
export function getOrderBook(http: KiwoomHttp, code: StockCode): Promise<OrderBookResponse> {
  return http.request({
    apiId: 'ka10004',
    path: KIWOOM_PATHS.marketCondition,
    kind: 'query',
    body: { stk_cd: code },
    schema: orderBookSchema,
  });
}
