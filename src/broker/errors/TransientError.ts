import { BrokerError } from './BrokerError.ts';

/** Network trouble or a 5xx on a request whose repetition is harmless (a query). Retry with backoff. */
export class TransientError extends BrokerError {
  override readonly name = 'TransientError';
  readonly retryable = true;
}
