import type { LedgerRecord } from './LedgerRecord.ts';
import type { ResolveRefusal } from './ResolveRefusal.ts';

/**
 * Outcome of a settlement as values: done (with the record after it), a not-placed preview that needs a
 * confirmation, or refused (unchanged, with the reason as a code).
 */
export type ResolveResult =
  | { readonly kind: 'done'; readonly record: LedgerRecord; readonly resolution: 'adopted'; readonly orderNo: string }
  | {
      readonly kind: 'done';
      readonly record: LedgerRecord;
      readonly resolution: 'not-placed';
      readonly requeued: boolean;
    }
  | { readonly kind: 'confirm'; readonly record: LedgerRecord }
  | { readonly kind: 'refused'; readonly refusal: ResolveRefusal };
