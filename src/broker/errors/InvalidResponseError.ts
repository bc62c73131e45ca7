import { BrokerError } from './BrokerError.ts';

/** The broker answered with something that does not match the protocol (a schema mismatch). Nothing is assumed from it. */
export class InvalidResponseError extends BrokerError {
  override readonly name = 'InvalidResponseError';
  readonly retryable = false;
}
