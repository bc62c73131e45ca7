import type { IncomingMessage } from 'node:http';
import type { BareTokenCode, TriggeredFault } from './FaultInjector.ts';
import type { HttpOutcome } from './HttpOutcome.ts';
import { bearer, headerValue } from './httpRequest.ts';
import { KIWOOM_API_IDS } from './kiwoomApiIds.ts';
import { PaperRejection } from './PaperRejection.ts';
import { PAPER_PATHS, PAPER_ROUTES } from './paperRoutes.ts';
import type { RequestBody } from './requestFields.ts';
import type { ServerParts } from './ServerParts.ts';
import { springError } from './springError.ts';

/** Where Kiwoom's domestic-stock api-ids live; a real api-id the exchange does not model may come to any of them. */
const KIWOOM_API_PREFIX = '/api/dostk/';
/** return_msg of a token refusal in the bare shape: the code is the return_code, the message carries none. */
const BARE_TOKEN_TEXT: Record<BareTokenCode, string> = {
  8005: 'Token이 유효하지 않습니다',
  8031: '다른 환경에서 발급된 Token입니다',
  8103: 'Token 또는 단말기 인증에 실패했습니다',
};

/**
 * The answer to a request that got past the faults that cut it short: unknown path 404, a body that is not a JSON
 * object 400, an unmodelled Kiwoom api-id or an unknown one, the token check, then the route's handler (its
 * PaperRejection as a return_code body, anything else thrown as 500). See paperServer.ts for the whole order.
 */
export function routeRequest(
  parts: ServerParts,
  req: IncomingMessage,
  path: string,
  apiId: string,
  parsed: RequestBody | undefined,
  fault: TriggeredFault | undefined,
): HttpOutcome {
  const { exchange, faults, tokens, logger } = parts;
  const bareCode = fault?.kind === 'tokenExpired' ? fault.bareReturnCode : undefined;
  const route = Object.hasOwn(PAPER_ROUTES, apiId) ? PAPER_ROUTES[apiId] : undefined;
  const unmodelled = route === undefined && KIWOOM_API_IDS.has(apiId) && path.startsWith(KIWOOM_API_PREFIX);
  if (!PAPER_PATHS.has(path) && !unmodelled) return { status: 404, body: springError(404, 'Not Found', path) };
  if (parsed === undefined) return { status: 400, body: springError(400, 'Bad Request', path) };
  const refused = (): HttpOutcome | undefined => {
    const token = bearer(req.headers.authorization);
    if (token !== undefined && tokens.isValid(token)) return undefined;
    if (bareCode !== undefined) {
      return { status: 200, body: { return_code: bareCode, return_msg: BARE_TOKEN_TEXT[bareCode] } };
    }
    return { status: 200, body: new PaperRejection('invalidToken').toBody() };
  };
  if (unmodelled) return refused() ?? { status: 200, body: new PaperRejection('notOnMock').toBody() };
  if (route === undefined || route.path !== path) {
    return { status: 200, body: new PaperRejection('unknownApi', `api-id=${apiId.slice(0, 10)}`).toBody() };
  }
  if (route.auth) {
    const refusal = refused();
    if (refusal !== undefined) return refusal;
  }
  try {
    const result = route.handler({
      exchange,
      tokens,
      apiId,
      body: parsed,
      contYn: headerValue(req.headers['cont-yn']),
      nextKey: headerValue(req.headers['next-key']),
      pageSize: parts.pageSize,
      accountNo: parts.accountNo,
      now: Date.now,
      clockOffsetMs: faults.clockOffsetMs,
      marketOpen: parts.marketOpen,
      ...(fault?.kind === 'cancelAckBeforeEffect'
        ? {
            deferCancel: {
              ...(fault.steps !== undefined ? { steps: fault.steps } : {}),
              schedule: (orderNo: string) => parts.later(fault.holdMs, () => exchange.applyDeferredCancel(orderNo)),
            },
          }
        : {}),
    });
    return { status: 200, body: result.body, headers: result.headers };
  } catch (err) {
    if (err instanceof PaperRejection) return { status: 200, body: err.toBody() };
    logger?.error({ err, apiId }, 'paper exchange: unexpected error');
    return { status: 500, body: springError(500, 'Internal Server Error', path) };
  }
}
