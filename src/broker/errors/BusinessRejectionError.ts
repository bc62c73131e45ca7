import { BrokerError } from './BrokerError.ts';

/** The broker answered and said no: bad price, insufficient cash or shares, unknown stock, market closed. Sending it again would get the same answer. */
export class BusinessRejectionError extends BrokerError {
  override readonly name = 'BusinessRejectionError';
  readonly retryable = false;
}
