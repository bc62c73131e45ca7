import type { StockCode } from '../../../domain/types.ts';
import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { type BasicInfoResponse, basicInfoSchema } from '../schema/basicInfoSchema.ts';
import { KIWOOM_PATHS } from './paths.ts';

/**
 * ka10001 (주식기본정보): last price, limits and base price of one KRX code.
 * @see shared/reference/kiwoom-rest.md "Market data"
 */
export function getBasicInfo(http: KiwoomHttp, code: StockCode): Promise<BasicInfoResponse> {
  return http.request({
    apiId: 'ka10001',
    path: KIWOOM_PATHS.stockInfo,
    kind: 'query',
    body: { stk_cd: code },
    schema: basicInfoSchema,
  });
}
