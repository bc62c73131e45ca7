import { BrokerError } from './BrokerError.ts';

/** The broker refused the request for rate (Kiwoom 1700/1701/1702, return_code 5, HTTP 429). It was not processed, so sending it again later is safe, also for orders. */
export class RateLimitedError extends BrokerError {
  override readonly name = 'RateLimitedError';
  readonly retryable = true;
}
