import { BrokerError } from './BrokerError.ts';

/** The token was refused (8005/8003/8031/8103, inside return_msg or as a bare return_code). The client renews the token once by itself; this reaches callers only when renewal did not help. */
export class AuthError extends BrokerError {
  override readonly name = 'AuthError';
  readonly retryable = true;
}
