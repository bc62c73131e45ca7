/**
 * A ledger record changed under us too many times in a row, or a leg's lock stayed taken: the write lost a race and
 * nothing was written. Trying again later (re-reading the record) is safe. An order number owned by another record
 * is the one conflict that is not (OrderNoConflictError).
 */
export class LedgerConflictError extends Error {
  override readonly name: string = 'LedgerConflictError';
  readonly retryable: boolean = true;
}
