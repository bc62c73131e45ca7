import { type AmendPriceMode, type AmendQuote, amendPrice } from './amendPrice.ts';
import type { LedgerState } from './LedgerRecord.ts';
import type { Side } from './types.ts';

/** What happens to an order still unfilled after MAX_AMENDS amendment attempts (setting AMEND_POLICY). */
export type AmendPolicy = 'keep' | 'cancel' | 'market';

/** The amend settings (AMEND_AFTER_MS, MAX_AMENDS, AMEND_POLICY, AMEND_PRICE). */
export interface AmendRules {
  readonly amendAfterMs: number;
  readonly maxAmends: number;
  readonly policy: AmendPolicy;
  readonly priceMode: AmendPriceMode;
}

/** The parts of a ledger record the decision reads (a LedgerRecord fits). */
export interface AmendableOrder {
  readonly side: Side;
  readonly state: LedgerState;
  /** Current limit price; 0 for a market order. */
  readonly price: number;
  readonly qty: number;
  readonly filledQty: number;
  readonly amendments: readonly unknown[];
  /**
   * Due checks that found the price unchanged, and amendments the broker refused: each counts as an attempt and
   * restarts the amend clock.
   */
  readonly amendChecks?: readonly { readonly at: number; readonly refused?: string }[] | undefined;
  /** When the order was placed or last amended (the amend clock). */
  readonly lastPlacedAt?: number;
  readonly sentAt?: number;
  readonly updatedAt: number;
}

/** Why nothing is done now; the poll looks again next time. */
export type WaitReason = 'not-open' | 'not-due' | 'market-order' | 'no-price';

/**
 * The decision for one order at one poll:
 * - `wait`: nothing now (see `reason`);
 * - `amend`: move the unfilled quantity to `price`;
 * - `unchanged`: an amendment is due but `price` is the one the order already has: nothing is sent, and the check
 *   is recorded as an attempt (it counts towards MAX_AMENDS and restarts the amend clock);
 * - `keep`: the amendments are used up and the policy is to leave the order as it is;
 * - `cancel`: amendments used up, cancel what is unfilled;
 * - `market`: amendments used up, replace what is unfilled by a market order.
 */
export type AmendDecision =
  | { readonly action: 'wait'; readonly reason: WaitReason }
  | { readonly action: 'amend'; readonly price: number }
  | { readonly action: 'unchanged'; readonly price: number }
  | { readonly action: 'keep' }
  | { readonly action: 'cancel' }
  | { readonly action: 'market' };

/**
 * When the amend clock of an order started: its last placement or amendment (older records: when it was sent), or
 * the last due check that found the price unchanged, whichever is later.
 */
export function amendClock(order: AmendableOrder): number {
  const placed = order.lastPlacedAt ?? order.sentAt ?? order.updatedAt;
  const checks = order.amendChecks ?? [];
  const lastCheck = checks[checks.length - 1]?.at ?? placed;
  return Math.max(placed, lastCheck);
}

/**
 * Amendment attempts an order has used up: amendments accepted, plus due checks that found the price unchanged, plus
 * amendments the broker refused (both kept in `amendChecks`). Without counting the checks and the refusals, an order
 * resting at an unchanged best price, or one whose amendment is refused every time, would never reach MAX_AMENDS
 * and its AMEND_POLICY (cancel, market) would never apply.
 */
export function amendAttempts(order: AmendableOrder): number {
  return order.amendments.length + (order.amendChecks?.length ?? 0);
}

/**
 * True when an open order has rested AMEND_AFTER_MS since it was placed, last amended or last checked (amendClock),
 * so the poll should look at it (and fetch a quote for it). Only `open` and `partial` orders with unfilled shares
 * qualify.
 */
export function isAmendDue(order: AmendableOrder, now: number, amendAfterMs: number): boolean {
  if (order.state !== 'open' && order.state !== 'partial') return false;
  if (order.qty - order.filledQty <= 0) return false;
  return now - amendClock(order) >= amendAfterMs;
}

/**
 * What to do with an unfilled order now (product.md flow step 5). An order is looked at once AMEND_AFTER_MS has
 * passed since it was placed, last amended or last checked; while it has used fewer than MAX_AMENDS attempts
 * (amendAttempts) it is moved to the current price (amendPrice), unless that is the price it already has: then
 * nothing is sent (a pointless request) but the check is an attempt (`unchanged`); after MAX_AMENDS attempts the
 * policy applies, again only once the delay has passed since the last one. Market orders are never amended.
 * `quote` is needed only for an amendment; without one the decision is to wait.
 */
export function amendDecision(
  order: AmendableOrder,
  quote: AmendQuote | undefined,
  now: number,
  rules: AmendRules,
): AmendDecision {
  if (order.state !== 'open' && order.state !== 'partial') return { action: 'wait', reason: 'not-open' };
  if (order.qty - order.filledQty <= 0) return { action: 'wait', reason: 'not-open' };
  if (order.price === 0) return { action: 'wait', reason: 'market-order' };
  if (!isAmendDue(order, now, rules.amendAfterMs)) return { action: 'wait', reason: 'not-due' };
  if (amendAttempts(order) >= rules.maxAmends) return { action: rules.policy };
  if (quote === undefined) return { action: 'wait', reason: 'no-price' };
  const price = amendPrice(order.side, quote, rules.priceMode);
  if (price === undefined) return { action: 'wait', reason: 'no-price' };
  if (price === order.price) return { action: 'unchanged', price };
  return { action: 'amend', price };
}
