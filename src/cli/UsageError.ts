/** Bad command line: the message says what is wrong. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** Bad input: trying again gives the same answer. */
  readonly retryable = false;
}
