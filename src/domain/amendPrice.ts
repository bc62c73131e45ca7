import { toValidOrderPrice } from './priceLimits.ts';
import type { Side } from './types.ts';

/** Which current price an unfilled order is moved to (setting AMEND_PRICE). */
export type AmendPriceMode = 'best' | 'last';

/** The parts of a market quote an amendment needs (the Broker's MarketQuote fits). */
export interface AmendQuote {
  /** Last traded price. */
  readonly price: number;
  /** Best bid; 0 when that side of the book is empty. */
  readonly bestBid: number;
  /** Best ask; 0 when that side of the book is empty. */
  readonly bestAsk: number;
  readonly upperLimit: number;
  readonly lowerLimit: number;
}

/**
 * The price an unfilled order is amended to (product.md flow step 5): the best bid for a sell or the best ask for a
 * buy (mode `best`; the last price when that side of the book is empty), or the last price (mode `last`), made a
 * valid order price: on the tick grid and inside today's limits. Off-grid prices round towards the other side of
 * the book (`aggressive`), since the point of an amendment is to get filled. Returns undefined when the quote has no
 * usable price (nothing traded, empty book, or limits that leave no valid price).
 *
 * The stock tick table is used for every code: every price on its grid is also on the ETF/ETN grid (1 won under
 * 2,000, 5 won from 2,000), so the result is valid for both.
 * @see ../shared/reference/krx-rules.md "Tick sizes" and "Daily price limits"
 */
export function amendPrice(side: Side, quote: AmendQuote, mode: AmendPriceMode): number | undefined {
  const best = side === 'sell' ? quote.bestBid : quote.bestAsk;
  const target = mode === 'best' && best > 0 ? best : quote.price;
  if (!Number.isFinite(target) || target <= 0) return undefined;
  try {
    return toValidOrderPrice(target, side, { upper: quote.upperLimit, lower: quote.lowerLimit }, 'stock', 'aggressive');
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}
