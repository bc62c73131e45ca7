import type { MarketQuote } from './MarketQuote.ts';
import { type PriceLimits, priceLimits, toValidOrderPrice } from './priceLimits.ts';
import type { Side } from './types.ts';

/**
 * The limit price a new order is sent at: a sell at the best bid and a buy at the best ask, so it can fill at once
 * (falling back to the last price when that side of the book is empty), put on the tick grid and inside today's
 * price limits. The stock tick table is used: its ticks are multiples of the ETF ticks, so the price is valid for
 * either kind.
 * @see ../../shared/reference/krx-rules.md "Tick sizes", "Daily price limits"
 */
export function entryLimitPrice(side: Side, quote: MarketQuote): number {
  const book = side === 'sell' ? quote.bestBid : quote.bestAsk;
  const ref = book > 0 ? book : quote.price;
  if (!(ref > 0)) throw new RangeError(`no usable price in the quote of ${quote.code}`);
  return toValidOrderPrice(ref, side, quoteLimits(quote), 'stock');
}

/** Today's limits from the quote, or computed from the base price when the quote does not carry them. */
export function quoteLimits(quote: MarketQuote): PriceLimits {
  if (quote.upperLimit > 0 && quote.lowerLimit > 0 && quote.lowerLimit <= quote.upperLimit) {
    return { upper: quote.upperLimit, lower: quote.lowerLimit };
  }
  return priceLimits(quote.basePrice > 0 ? quote.basePrice : quote.price);
}
