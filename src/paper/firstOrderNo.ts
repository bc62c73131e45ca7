import { msSinceKstMidnight } from '../domain/kstClock.ts';
/**
 * Where a paper exchange starts numbering its orders.
 *
 * Kiwoom order numbers are unique per account per trading day, and the engine's ledger claims every number it
 * sees for the account. A paper exchange that restarted at 0000001 would hand out, later the same day, numbers an
 * earlier run of the day already gave to other orders; the ledger would then refuse to record an order the exchange
 * had accepted. So the first number is taken from the start time instead: one number per 10 ms since KST midnight.
 *
 * Bound: an earlier run of the same KST day (started at tA) never gave out a number a later run (started at
 * tB) hands out, as long as the earlier run gave out at most floor((tB - tA) / 10 ms) numbers before the later one
 * started, i.e. on average no more than 100 order numbers (new orders, amendments and cancels) per second since its
 * start: at most 6,000 in the minute before, 360,000 in the hour before. The engine sends at most one order request
 * per ORDER_INTERVAL_MS (10 s by default), some 1,000 times fewer. Numbers stay 7 digits: the first number is at
 * most 8,640,000 (just before midnight), which leaves 1,359,999 numbers for that run.
 * @see shared/reference/kiwoom-rest.md "Orders" (order numbers are 7 digits, e.g. `0000138`)
 */

/** Milliseconds of the day that share one starting number (100 numbers per second). */
export const ORDER_NO_SLOT_MS = 10;

/** Highest 7-digit order number. */
export const MAX_ORDER_NO = 9_999_999;

/** The first order number of a paper exchange started at `epochMs`: 1 + floor(ms since KST midnight / 10). */
export function paperFirstOrderNo(epochMs: number): number {
  return 1 + Math.floor(msSinceKstMidnight(epochMs) / ORDER_NO_SLOT_MS);
}

/** An order number as the exchange reports it: 7 digits, zero-padded. */
export function formatOrderNo(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_ORDER_NO) throw new RangeError(`not a 7-digit order number: ${n}`);
  return String(n).padStart(7, '0');
}
