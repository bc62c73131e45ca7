import type { LedgerState } from '../store/LedgerRecord.ts';
import { type AmendPriceMode, type AmendQuote, amendPrice } from './amendPrice.ts';
import type { Side } from './types.ts';

/** What happens to an order still unfilled after MAX_AMENDS amendments (setting AMEND_POLICY). */
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
  /** When the order was placed or last amended (the amend clock). */
  readonly lastPlacedAt?: number;
  readonly sentAt?: number;
  readonly updatedAt: number;
}

/** Why nothing is done now; the poll looks again next time. */
export type WaitReason = 'not-open' | 'not-due' | 'market-order' | 'same-price' | 'no-price';

/**
 * The decision for one order at one poll:
 * - `wait`: nothing now (see `reason`);
 * - `amend`: move the unfilled quantity to `price`;
 * - `keep`: the amendments are used up and the policy is to leave the order as it is;
 * - `cancel`: amendments used up, cancel what is unfilled;
 * - `market`: amendments used up, replace what is unfilled by a market order.
 */
export type AmendDecision =
  | { readonly action: 'wait'; readonly reason: WaitReason }
  | { readonly action: 'amend'; readonly price: number }
  | { readonly action: 'keep' }
  | { readonly action: 'cancel' }
  | { readonly action: 'market' };

/** When the amend clock of an order started: its last placement or amendment (older records: when it was sent). */
export function amendClock(order: AmendableOrder): number {
  return order.lastPlacedAt ?? order.sentAt ?? order.updatedAt;
}

/**
 * True when an open order has rested AMEND_AFTER_MS since it was placed or last amended, so the poll should look at
 * it (and fetch a quote for it). Only `open` and `partial` orders with unfilled shares qualify.
 */
export function isAmendDue(order: AmendableOrder, now: number, amendAfterMs: number): boolean {
  if (order.state !== 'open' && order.state !== 'partial') return false;
  if (order.qty - order.filledQty <= 0) return false;
  return now - amendClock(order) >= amendAfterMs;
}

/**
 * What to do with an unfilled order now (product.md flow step 5). An order is looked at once AMEND_AFTER_MS has
 * passed since it was placed or last amended; while it has had fewer than MAX_AMENDS amendments it is moved to the
 * current price (amendPrice), unless that is the price it already has (a pointless request: skipped, the next poll
 * looks again); after MAX_AMENDS the policy applies, again only once the delay has passed since the last amendment.
 * Market orders are never amended. `quote` is needed only for an amendment; without one the decision is to wait.
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
  if (order.amendments.length >= rules.maxAmends) return { action: rules.policy };
  if (quote === undefined) return { action: 'wait', reason: 'no-price' };
  const price = amendPrice(order.side, quote, rules.priceMode);
  if (price === undefined) return { action: 'wait', reason: 'no-price' };
  if (price === order.price) return { action: 'wait', reason: 'same-price' };
  return { action: 'amend', price };
}
