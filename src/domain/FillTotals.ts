import type { CancelCause } from './CancelCause.ts';
import type { LedgerState } from './LedgerRecord.ts';

/** Absolute fill totals of a record as the broker reports them (sum over the record's order numbers). */
export interface FillTotals {
  readonly filledQty: number;
  readonly filledValue: number;
  readonly commission: number;
  readonly tax: number;
  /** Final state to set with the totals (`cancelled`, `filled`); derived from the quantities when absent. */
  readonly state?: LedgerState;
  /** Why the record is cancelled (with `state: 'cancelled'`), kept on the record. */
  readonly cancelCause?: CancelCause;
  /** Also drop the record's pending amend/cancel mark in the same change (the cancel that closes it is settled). */
  readonly clearPending?: boolean;
}
