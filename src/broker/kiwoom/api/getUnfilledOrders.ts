import type { KiwoomHttp } from '../KiwoomHttp.ts';
import { type UnfilledRow, unfilledSchema } from '../schema/unfilledSchema.ts';
import { KIWOOM_PATHS } from './paths.ts';

/**
 * ka10075 (미체결): every open order of the account, all codes, both sides, all exchanges, across pages.
 * @see shared/reference/kiwoom-rest.md "Account queries"
 */
export function getUnfilledOrders(http: KiwoomHttp): Promise<UnfilledRow[]> {
  return http.requestPages(
    {
      apiId: 'ka10075',
      path: KIWOOM_PATHS.account,
      kind: 'query',
      body: { all_stk_tp: '0', trde_tp: '0', stk_cd: '', stex_tp: '0' },
      schema: unfilledSchema,
    },
    (page) => page.oso ?? [],
  );
}
