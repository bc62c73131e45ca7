import { LedgerConflictError } from './LedgerConflictError.ts';

/**
 * An order number a record was to claim is owned by another record today. Nothing was written. Thrown after the
 * broker may already have accepted the order: the caller must keep the number (see jobs/orderNoClaims.ts
 * keepUnclaimedOrder), never drop it. Claiming it again gets the same answer, so it is not retried.
 */
export class OrderNoConflictError extends LedgerConflictError {
  override readonly name = 'OrderNoConflictError';
  override readonly retryable = false;

  constructor(
    readonly recordId: string,
    readonly orderNo: string,
    readonly ownerId: string,
    readonly day: string,
  ) {
    super(`order number ${orderNo} of KST day ${day} is owned by record ${ownerId}; ${recordId} cannot claim it`);
  }
}
