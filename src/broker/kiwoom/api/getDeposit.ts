import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { type DepositResponse, depositSchema } from '../schema/depositSchema.ts';
import { KIWOOM_PATHS } from './paths.ts';

/**
 * kt00001 (예수금상세현황): deposit and orderable cash, estimate view (`qry_tp` 3).
 * @see shared/reference/kiwoom-rest.md "Account queries"
 */
export function getDeposit(http: KiwoomHttp): Promise<DepositResponse> {
  return http.request({
    apiId: 'kt00001',
    path: KIWOOM_PATHS.account,
    kind: 'query',
    body: { qry_tp: '3' },
    schema: depositSchema,
  });
}
