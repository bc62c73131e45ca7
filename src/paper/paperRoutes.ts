import { accountNumber } from './accountNumberRoute.ts';
import { issueTokenRoute, revokeTokenRoute } from './authRoutes.ts';
import { deposit, orderableAmount } from './cashRoutes.ts';
import { accountEvaluation, balance } from './evaluationRoutes.ts';
import { orderBook, stockInfo } from './marketRoutes.ts';
import { orderDetail } from './orderDetailRoute.ts';
import { executions, openOrders } from './orderListRoutes.ts';
import { amendOrderRoute, cancelOrderRoute, placeOrderRoute } from './orderRoutes.ts';
import type { Route } from './RouteContext.ts';

/**
 * Every api-id the paper exchange answers, with its path. A request must name its api-id in the `api-id` header
 * and send it to this path.
 * @see ../shared/reference/kiwoom-rest.md
 */
export const PAPER_ROUTES: Readonly<Record<string, Route>> = {
  au10001: { path: '/oauth2/token', auth: false, handler: issueTokenRoute },
  au10002: { path: '/oauth2/revoke', auth: false, handler: revokeTokenRoute },
  kt10000: { path: '/api/dostk/ordr', auth: true, handler: placeOrderRoute('buy') },
  kt10001: { path: '/api/dostk/ordr', auth: true, handler: placeOrderRoute('sell') },
  kt10002: { path: '/api/dostk/ordr', auth: true, handler: amendOrderRoute },
  kt10003: { path: '/api/dostk/ordr', auth: true, handler: cancelOrderRoute },
  ka00001: { path: '/api/dostk/acnt', auth: true, handler: accountNumber },
  ka10075: { path: '/api/dostk/acnt', auth: true, handler: openOrders },
  ka10076: { path: '/api/dostk/acnt', auth: true, handler: executions },
  kt00018: { path: '/api/dostk/acnt', auth: true, handler: balance },
  kt00001: { path: '/api/dostk/acnt', auth: true, handler: deposit },
  kt00004: { path: '/api/dostk/acnt', auth: true, handler: accountEvaluation },
  kt00007: { path: '/api/dostk/acnt', auth: true, handler: orderDetail },
  kt00010: { path: '/api/dostk/acnt', auth: true, handler: orderableAmount },
  ka10001: { path: '/api/dostk/stkinfo', auth: true, handler: stockInfo },
  ka10004: { path: '/api/dostk/mrkcond', auth: true, handler: orderBook },
};

/** Paths that exist (a request to any other path gets HTTP 404, unless it names a real Kiwoom api-id). */
export const PAPER_PATHS: ReadonlySet<string> = new Set(Object.values(PAPER_ROUTES).map((r) => r.path));

/**
 * The api-id a request means when its `api-id` header is absent or empty: the token calls only, by their path.
 * Kiwoom's reference client and others send nothing but Content-Type to `/oauth2/token` and `/oauth2/revoke`.
 * @see docs/KIWOOM_PROTOCOL.md "Token calls without an api-id"
 */
export function apiIdByPath(path: string): string | undefined {
  if (path === '/oauth2/token') return 'au10001';
  if (path === '/oauth2/revoke') return 'au10002';
  return undefined;
}
