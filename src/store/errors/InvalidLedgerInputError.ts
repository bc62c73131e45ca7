/** Input that cannot become a ledger record; nothing was written. The same input is refused again: never retried. */
export class InvalidLedgerInputError extends Error {
  override readonly name = 'InvalidLedgerInputError';
  readonly retryable = false;
}
