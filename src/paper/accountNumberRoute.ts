import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';

/** ka00001 at `/api/dostk/acnt`: the account number the token belongs to. */
export function accountNumber(ctx: RouteContext): RouteResult {
  return { body: ok('정상적으로 처리되었습니다', { acctNo: ctx.accountNo }) };
}
