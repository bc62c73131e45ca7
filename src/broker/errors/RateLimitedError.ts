import { BrokerError } from './BrokerError.ts';

/** The broker refused the request for rate (Kiwoom 1700/1701/1702, return_code 5, HTTP 429). It was not processed, so sending it again later is safe, also for orders. */
export class RateLimitedError extends BrokerError {
  override readonly name = 'RateLimitedError';
  readonly retryable = true;
  /** How long the broker asked us to wait (HTTP `Retry-After`), in ms, when it said; undefined otherwise. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: { brokerCode?: string | undefined; cause?: unknown; retryAfterMs?: number | undefined } = {},
  ) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
