import type { LedgerRecord } from '../domain/LedgerRecord.ts';
import { InvalidLedgerInputError } from './errors/InvalidLedgerInputError.ts';

/**
 * Throws InvalidLedgerInputError for a record the ledger must never store: money and share figures that are not
 * whole numbers >= 0, more filled than sent, or an acknowledged cancel on a record it could not belong to.
 */
export function validateLedgerRecord(r: LedgerRecord): void {
  for (const [name, n] of Object.entries({
    qty: r.qty,
    price: r.price,
    filledQty: r.filledQty,
    filledValue: r.filledValue,
    commission: r.commission,
    tax: r.tax,
  })) {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new InvalidLedgerInputError(`${r.id}: ${name} must be a whole number >= 0: ${n}`);
  }
  if (r.filledQty > r.qty)
    throw new InvalidLedgerInputError(`${r.id}: filled ${r.filledQty} exceeds the ${r.qty} sent`);
  const ackAt = r.pending?.ackAt;
  if (ackAt !== undefined) {
    // An acknowledged cancel still to be confirmed keeps its record live (open/partial), never closed with it.
    if (r.pending?.kind !== 'cancel' || !Number.isSafeInteger(ackAt))
      throw new InvalidLedgerInputError(`${r.id}: only a cancel has an acknowledgement time: ${ackAt}`);
    if (r.state === 'cancelled')
      throw new InvalidLedgerInputError(`${r.id}: cancelled while its cancel still waits for confirmation`);
  }
}
