import type { StockCode } from './types.ts';

/** A stock's quote as the broker reports it: last price, best bid and ask, the day's limits. */
export interface MarketQuote {
  readonly code: StockCode;
  readonly name: string;
  /** Last traded price, absolute (the sign of the wire format is dropped). */
  readonly price: number;
  /** Best bid (highest buy order); 0 when the book is empty on that side. */
  readonly bestBid: number;
  /** Best ask (lowest sell order); 0 when the book is empty on that side. */
  readonly bestAsk: number;
  readonly upperLimit: number;
  readonly lowerLimit: number;
  readonly basePrice: number;
}
