import { kstTimestamp } from '../domain/kstClock.ts';
import { PaperRejection } from './PaperRejection.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';

/**
 * au10001: issues a token for any appkey/secretkey (both must be present); `expires_dt` is YYYYMMDDHHmmss KST.
 * @see ../shared/reference/kiwoom-rest.md "Token"
 */
export function issueTokenRoute(ctx: RouteContext): RouteResult {
  const { body } = ctx;
  if (body.grant_type !== 'client_credentials') throw new PaperRejection('badFormat', 'grant_type');
  if (!nonEmpty(body.appkey) || !nonEmpty(body.secretkey)) throw new PaperRejection('missingKey');
  const issued = ctx.tokens.issue();
  return {
    body: ok('정상적으로 처리되었습니다', {
      expires_dt: kstTimestamp(issued.expiresAt),
      token_type: 'bearer',
      token: issued.token,
    }),
  };
}

/** au10002: revokes the token in the body (appkey and secretkey must be present). Unknown token -> 8005. */
export function revokeTokenRoute(ctx: RouteContext): RouteResult {
  const { body } = ctx;
  if (!nonEmpty(body.appkey) || !nonEmpty(body.secretkey)) throw new PaperRejection('missingKey');
  if (!nonEmpty(body.token)) throw new PaperRejection('missingField', 'token');
  if (!ctx.tokens.revoke(body.token)) throw new PaperRejection('invalidToken');
  return { body: ok('정상적으로 처리되었습니다', {}) };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
