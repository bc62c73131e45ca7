import type { MarketQuote } from '../domain/MarketQuote.ts';

/**
 * Market view of one stock: the quote the broker port knows (MarketQuote; the paper book is never empty, so bestBid
 * and bestAsk are never 0) plus the day's range and volume the paper exchange's market-data routes report.
 */
export interface PaperQuoteView extends MarketQuote {
  /** Day's open (the base price: the walk starts there), high and low. */
  readonly open: number;
  readonly high: number;
  readonly low: number;
  /** Shares the account traded in this stock today (the only volume the paper exchange has). */
  readonly volume: number;
}
