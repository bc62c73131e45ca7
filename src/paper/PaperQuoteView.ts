/** Market view of one stock. */
export interface PaperQuoteView {
  readonly code: string;
  readonly name: string;
  readonly price: number;
  readonly bestBid: number;
  readonly bestAsk: number;
  readonly upperLimit: number;
  readonly lowerLimit: number;
  readonly basePrice: number;
  /** Day's open (the base price: the walk starts there), high and low. */
  readonly open: number;
  readonly high: number;
  readonly low: number;
  /** Shares the account traded in this stock today (the only volume the paper exchange has). */
  readonly volume: number;
}
