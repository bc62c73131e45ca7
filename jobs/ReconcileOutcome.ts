import type { LedgerState } from '../src/domain/LedgerRecord.ts';

/** What reconcileRecord found out about a `sending`/`unknown` record. */
export type ReconcileOutcome =
  /** The order exists at the broker; the record is now `open` with its number. */
  | { readonly kind: 'placed'; readonly orderNo: string }
  /** It does not, and the request can no longer arrive: the record is `queued` again and may be sent. */
  | { readonly kind: 'not-placed' }
  /** Two or more orders fit: nothing is guessed; the record stays `unknown` for a person to resolve. */
  | { readonly kind: 'ambiguous'; readonly orderNos: readonly string[] }
  /**
   * The broker accepted the record's request as `orderNo`, but another record owns that number today: the record
   * stays `unknown` (never re-sent) for a person to resolve (see keepUnclaimedOrder).
   */
  | { readonly kind: 'unclaimed'; readonly orderNo: string }
  /**
   * Sent on an earlier KST day (`day`): today's broker lists cannot tell what became of it, so nothing is matched or
   * re-sent; the record stays `unknown` for a person (see parkEarlierDay).
   */
  | { readonly kind: 'earlier-day'; readonly day: string }
  /** Not found yet, but the request could still arrive: ask again at `retryAt`. */
  | { readonly kind: 'too-early'; readonly retryAt: number }
  /** The record is not waiting for reconciliation. */
  | { readonly kind: 'not-needed'; readonly state: LedgerState };
