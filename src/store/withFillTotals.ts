import type { FillTotals } from '../domain/FillTotals.ts';
import type { LedgerRecord, LedgerState } from '../domain/LedgerRecord.ts';
import { InvalidLedgerInputError } from './errors/InvalidLedgerInputError.ts';

/** Fill states the broker's figures may change: the records at the broker (or possibly there). */
const AT_BROKER: readonly LedgerState[] = ['open', 'partial', 'unknown', 'sending'];

/** Throws InvalidLedgerInputError unless every figure is a whole number >= 0 (checked before anything is read). */
export function assertFillTotals(totals: FillTotals): void {
  for (const n of [totals.filledQty, totals.filledValue, totals.commission, totals.tax]) {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new InvalidLedgerInputError(`fill totals must be whole numbers >= 0: ${n}`);
  }
}

/**
 * The record `cur` with the broker's absolute fill totals, or undefined when nothing is to change: a record not at
 * the broker, a stale report with fewer filled shares (totals never go backwards), or the same figures again. The
 * state follows the quantities (`partial` while some are filled, `filled` when all are) unless `totals.state` says
 * otherwise. Throws InvalidLedgerInputError when more are filled than the record sent.
 */
export function withFillTotals(id: string, cur: LedgerRecord, totals: FillTotals): LedgerRecord | undefined {
  if (!AT_BROKER.includes(cur.state)) return undefined;
  if (totals.filledQty < cur.filledQty) return undefined;
  if (totals.filledQty > cur.qty) {
    throw new InvalidLedgerInputError(`${id}: ${totals.filledQty} filled is more than the ${cur.qty} sent`);
  }
  const state: LedgerState =
    totals.state ?? (totals.filledQty >= cur.qty ? 'filled' : totals.filledQty > 0 ? 'partial' : cur.state);
  const dropPending = totals.clearPending === true && cur.pending !== undefined;
  const same =
    !dropPending &&
    state === cur.state &&
    totals.filledQty === cur.filledQty &&
    totals.filledValue === cur.filledValue &&
    totals.commission === cur.commission &&
    totals.tax === cur.tax;
  if (same) return undefined;
  const { pending: _p, ...withoutPending } = cur;
  return {
    ...(dropPending ? withoutPending : cur),
    state,
    filledQty: totals.filledQty,
    filledValue: totals.filledValue,
    commission: totals.commission,
    tax: totals.tax,
    ...(totals.cancelCause !== undefined ? { cancelCause: totals.cancelCause } : {}),
  };
}
