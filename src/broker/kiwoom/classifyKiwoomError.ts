/**
 * How a network request failed before or without a readable answer.
 * - `timeout`: our deadline fired; the request may have been processed.
 * - `reset`: the connection dropped after it was open (ECONNRESET, EPIPE, socket hang up); may have been processed.
 * - `refused`: no connection was ever made (ECONNREFUSED, DNS failure); nothing was sent.
 * - `other`: any other transport failure; treated like `reset`.
 */
export type NetworkFailureKind = 'timeout' | 'reset' | 'refused' | 'other';

/** What happened on one failed Kiwoom request, reduced to the facts classification needs (no headers, no bodies). */
export interface KiwoomFailure {
  /** True for kt10000-kt10003 (place, modify, cancel): requests whose repetition is not harmless. */
  readonly isOrder: boolean;
  readonly httpStatus?: number | undefined;
  /** `return_code` of a Kiwoom envelope in the body, when the body was one. */
  readonly returnCode?: number | undefined;
  /** The 4-digit code inside `return_msg`. */
  readonly messageCode?: string | undefined;
  readonly network?: NetworkFailureKind | undefined;
}

/**
 * - `rate-limited`: refused for rate, not processed; safe to send again later (also orders).
 * - `auth`: the token was refused; renew it and send again once.
 * - `business`: the broker (or its gateway) refused the request itself; the same request gets the same answer.
 * - `transient`: a query hit network trouble or a server fault; retry with backoff.
 * - `unknown-outcome`: an order may or may not have been processed; never send it again blindly.
 */
export type KiwoomErrorKind = 'rate-limited' | 'auth' | 'business' | 'transient' | 'unknown-outcome';

/** @see shared/reference/kiwoom-rest.md "Hosts and envelope" (error table) */
const RATE_LIMIT_CODES = new Set(['1700', '1701', '1702']);
/**
 * Token invalid (8005), token expired/unknown (8003), token of the other environment (8031), token/device
 * authentication failed (8103): a fresh token may cure each, so the client renews once. Kiwoom's reference client
 * renews on 8005, 8031 and 8103.
 * @see docs/KIWOOM_PROTOCOL.md "Token refusals" (Kiwoom-Securities/Kiwoom-REST-API kiwoom/core/client.py)
 */
const AUTH_CODES = new Set(['8003', '8005', '8031', '8103']);
/** "Unexpected error" on the broker's side: says nothing about whether an order went through. */
const UNEXPECTED_CODE = '1999';
const RETURN_CODE_AUTH = 3;
const RETURN_CODE_RATE = 5;

/**
 * Decides what a failed request means. Pure and total; the order of the rules matters:
 *
 * 1. A transport failure (no answer): an ORDER that may have reached the broker has an unknown outcome (there is no
 *    client order id to deduplicate a second send, so the caller must reconcile first); a query is transient.
 *    A refused connection sent nothing, so it is transient even for an order.
 * 2. A Kiwoom envelope with a 4-digit code (inside return_msg, or a return_code that is itself the code, the bare
 *    shape; an auth code in either field wins) speaks for itself, whatever the HTTP status: 1700-1702 rate,
 *    8003/8005/8031/8103 auth, 1999 (unexpected) is unknown for an order and transient for a query, and every other
 *    code is a refusal (1501-1517 input, 1634 too many codes, 1901-1903 stock/market, 8001/8002/8010/8020/8030
 *    key, IP and environment problems that no retry fixes, 8104 not on mock, order rejections such as 2000).
 * 3. An envelope with a non-zero return_code and no code: 5 rate, 3 auth, anything else a refusal.
 * 4. The HTTP status alone: 429 rate, 401 auth, 408 and 5xx transient for a query but UNKNOWN for an order (a 5xx
 *    from a proxy or gateway may come after the order reached the exchange; only a Kiwoom envelope saying it was
 *    rejected, rule 2 or 3, settles that), other 4xx a refusal (the request was malformed and not processed).
 * 5. Anything else unknown for an order, transient for a query.
 */
export function classifyKiwoomError(failure: KiwoomFailure): KiwoomErrorKind {
  const unsure: KiwoomErrorKind = failure.isOrder ? 'unknown-outcome' : 'transient';

  if (failure.network !== undefined) return failure.network === 'refused' ? 'transient' : unsure;

  // An auth code in either field is an auth failure: a bare return_code of 8005 says the same as [8005].
  const bare = bareReturnCode(failure.returnCode);
  if (bare !== undefined && AUTH_CODES.has(bare)) return 'auth';
  const code = failure.messageCode ?? bare;
  if (code !== undefined) {
    if (RATE_LIMIT_CODES.has(code)) return 'rate-limited';
    if (AUTH_CODES.has(code)) return 'auth';
    if (code === UNEXPECTED_CODE) return unsure;
    return 'business';
  }

  if (failure.returnCode !== undefined && failure.returnCode !== 0) {
    if (failure.returnCode === RETURN_CODE_RATE) return 'rate-limited';
    if (failure.returnCode === RETURN_CODE_AUTH) return 'auth';
    return 'business';
  }

  const status = failure.httpStatus;
  if (status !== undefined) {
    if (status === 429) return 'rate-limited';
    if (status === 401) return 'auth';
    if (status === 408 || status >= 500) return unsure;
    if (status >= 400) return 'business';
  }
  return unsure;
}

/**
 * The 4-digit code a failure carries: the one inside return_msg, else a return_code that is itself a 4-digit code
 * (the bare shape, `{"return_code": 8005}`, which Kiwoom's reference client checks). Undefined when neither.
 * @see docs/KIWOOM_PROTOCOL.md "Token refusals"
 */
export function kiwoomCode(failure: KiwoomFailure): string | undefined {
  return failure.messageCode ?? bareReturnCode(failure.returnCode);
}

/** A return_code that is a 4-digit code (1000-9999) rather than a small category (0, 2, 3, 5, 20). */
function bareReturnCode(returnCode: number | undefined): string | undefined {
  return returnCode !== undefined && returnCode >= 1000 && returnCode <= 9999 ? String(returnCode) : undefined;
}
