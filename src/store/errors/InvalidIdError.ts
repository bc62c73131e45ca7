/** An id (account, plan, side, code, round) that cannot be used in a key; nothing is written. Never retried. */
export class InvalidIdError extends Error {
  override readonly name = 'InvalidIdError';
  readonly retryable = false;
}
