import { BrokerError } from './BrokerError.ts';

/** An order request (place, amend, cancel) timed out or lost its connection after it may have reached the broker. It may have been accepted: never send it again blindly; reconcile against the open and executed orders first. */
export class UnknownOutcomeError extends BrokerError {
  override readonly name = 'UnknownOutcomeError';
  readonly retryable = false;
}
