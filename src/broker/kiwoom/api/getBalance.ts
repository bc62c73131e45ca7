import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { balanceSchema, type HoldingRow } from '../schema/balanceSchema.ts';
import { KIWOOM_PATHS } from './paths.ts';

/**
 * kt00018 (계좌평가잔고내역): holdings, combined view (`qry_tp` 1), across pages.
 * @see shared/reference/kiwoom-rest.md "Account queries"
 */
export function getBalance(http: KiwoomHttp): Promise<HoldingRow[]> {
  return http.requestPages(
    {
      apiId: 'kt00018',
      path: KIWOOM_PATHS.account,
      kind: 'query',
      body: { qry_tp: '1', dmst_stex_tp: 'KRX' },
      schema: balanceSchema,
    },
    (page) => page.acnt_evlt_remn_indv_tot ?? [],
  );
}
