/**
 * The engine's note on a ledger record: why it is where it is (left `unknown`, held, rejected, skipped, queued
 * again). The engine says which situation (`code`) with the values it needs; the faces put it into words (the bot in
 * Korean, bot/text/ledgerText.ts; the CLI in English, src/cli/ledgerText.ts). Texts that come from outside (a
 * broker's refusal, an exception's message) are data (`brokerMessage`, `detail`), never the wording.
 */
export type RecordNote =
  /** Not in the broker's lists `afterMs` ms after it was sent: it never became an order, and is queued again. */
  | { readonly code: 'not-found-after-send'; readonly afterMs: number }
  /** Sent on `day` (KST) and not settled that day: today's broker lists cannot tell what became of it. */
  | { readonly code: 'earlier-day-unsettled'; readonly day: string }
  /** The broker's clock is more than `maxOffsetMs` off ours (MAX_CLOCK_OFFSET_MS): held until it is back within. */
  | { readonly code: 'broker-clock-off'; readonly maxOffsetMs: number }
  /** The broker accepted order `orderNo` for this record, but record `ownerId` owns that number today. */
  | { readonly code: 'order-number-taken'; readonly orderNo: string; readonly ownerId: string }
  /** Plan `planId` no longer takes orders (`status`, a PlanStatus; absent when the plan is gone): not sent. */
  | { readonly code: 'plan-ended'; readonly planId: string; readonly status?: string }
  /** The order would be worth `value` won, over MAX_ORDER_VALUE (`maxOrderValue`): not sent. */
  | { readonly code: 'over-cap'; readonly value: number; readonly maxOrderValue: number }
  /** The broker refused the quote of the stock (`brokerMessage` is its answer): not sent. */
  | { readonly code: 'quote-refused'; readonly brokerMessage: string }
  /** The broker refused the order; `brokerMessage` is its answer. */
  | { readonly code: 'broker-refused'; readonly brokerMessage: string }
  /** The request's call ended without a usable answer (timeout, lost connection...): `detail` is what it said. */
  | { readonly code: 'request-failed'; readonly detail: string }
  /** A person settled the record by hand: the request never became an order. */
  | { readonly code: 'settled-not-placed' }
  /** Words an older version stored in the record's `error` (English) before notes were values: shown as they are. */
  | { readonly code: 'recorded'; readonly text: string };
