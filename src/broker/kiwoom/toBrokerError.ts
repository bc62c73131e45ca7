import { AuthError } from '../errors/AuthError.ts';
import type { BrokerError } from '../errors/BrokerError.ts';
import { BusinessRejectionError } from '../errors/BusinessRejectionError.ts';
import { RateLimitedError } from '../errors/RateLimitedError.ts';
import { TransientError } from '../errors/TransientError.ts';
import { UnknownOutcomeError } from '../errors/UnknownOutcomeError.ts';
import { type KiwoomErrorKind, type KiwoomFailure, kiwoomCode } from './classifyKiwoomError.ts';
import type { KiwoomAnswer, KiwoomNoAnswer } from './postKiwoom.ts';
import type { SecretRedactor } from './SecretRedactor.ts';

/** The secret-free facts an error message is built from. */
export interface FailureFacts {
  readonly apiId: string;
  readonly path: string;
  readonly failure: KiwoomFailure;
  /** The broker's return_msg, shown to people (it says why: "주문가격이 호가단위에 맞지 않습니다"). */
  readonly returnMsg?: string | undefined;
  /** Transport reason ("ECONNRESET", "no answer within 300 ms"). */
  readonly reason?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  /** What the client already tried ("refused again after a re-issued token"). */
  readonly note?: string | undefined;
}

const MAX_MESSAGE_CHARS = 300;

const HEADLINES: Record<KiwoomErrorKind, string> = {
  'rate-limited': 'refused for rate (not processed; safe to send again later)',
  auth: 'access token refused',
  business: 'refused by the broker',
  transient: 'temporary failure',
  'unknown-outcome':
    'outcome unknown: the order may have been accepted; reconcile open and executed orders before sending again',
};

/** Reduces an answer or a missing answer to the facts classification needs. */
export function failureOf(result: KiwoomAnswer | KiwoomNoAnswer, isOrder: boolean): KiwoomFailure {
  if (result.type === 'no-answer') return { isOrder, network: result.network };
  return {
    isOrder,
    httpStatus: result.status,
    returnCode: result.envelope?.returnCode,
    messageCode: result.envelope?.messageCode,
  };
}

/**
 * Builds the BrokerError for a classified failure. The message holds the method, path, api-id, status and codes and
 * the broker's own (redacted) words; never headers, bodies or axios objects, and no `cause` is attached.
 */
export function toBrokerError(kind: KiwoomErrorKind, facts: FailureFacts, redactor: SecretRedactor): BrokerError {
  const message = describe(HEADLINES[kind], facts, redactor);
  const brokerCode = kiwoomCode(facts.failure);
  switch (kind) {
    case 'rate-limited':
      return new RateLimitedError(message, { brokerCode, retryAfterMs: facts.retryAfterMs });
    case 'auth':
      return new AuthError(message, { brokerCode });
    case 'business':
      return new BusinessRejectionError(message, { brokerCode });
    case 'transient':
      return new TransientError(message, { brokerCode });
    case 'unknown-outcome':
      return new UnknownOutcomeError(message, { brokerCode });
  }
}

/** `Kiwoom kt10000 (POST /api/dostk/ordr): <headline> [HTTP 200, return_code 3, code 8005] "<return_msg>"`. */
export function describe(headline: string, facts: FailureFacts, redactor: SecretRedactor): string {
  const f = facts.failure;
  const parts: string[] = [];
  if (f.network !== undefined)
    parts.push(`network ${f.network}${facts.reason === undefined ? '' : `: ${facts.reason}`}`);
  if (f.httpStatus !== undefined) parts.push(`HTTP ${f.httpStatus}`);
  if (f.returnCode !== undefined) parts.push(`return_code ${f.returnCode}`);
  if (f.messageCode !== undefined) parts.push(`code ${f.messageCode}`);
  if (facts.note !== undefined) parts.push(facts.note);
  const said =
    facts.returnMsg === undefined || facts.returnMsg === '' ? '' : ` "${clip(redactor.redact(facts.returnMsg))}"`;
  return `Kiwoom ${facts.apiId} (POST ${facts.path}): ${headline} [${parts.join(', ')}]${said}`;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_CHARS ? `${oneLine.slice(0, MAX_MESSAGE_CHARS)}...` : oneLine;
}
