import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { type ExecutedRow, executedSchema } from '../schema/executedSchema.ts';
import { KIWOOM_PATHS } from './paths.ts';

/**
 * ka10076 (체결): today's orders with fills, all codes, both sides, all exchanges, across pages.
 * @see shared/reference/kiwoom-rest.md "Account queries"
 */
export function getExecutedOrders(http: KiwoomHttp): Promise<ExecutedRow[]> {
  return http.requestPages(
    {
      apiId: 'ka10076',
      path: KIWOOM_PATHS.account,
      kind: 'query',
      body: { stk_cd: '', qry_tp: '0', sell_tp: '0', ord_no: '', stex_tp: '0' },
      schema: executedSchema,
    },
    (page) => page.cntr ?? [],
  );
}
