import { type MutableOrder, openQtyOf } from './MutableOrder.ts';
import type { PaperBook } from './PaperBook.ts';
import { applyFill } from './paperAccounting.ts';
import { quoteView } from './paperViews.ts';

/**
 * One matching event for every open order (of `code`, or of every stock), in order-number order. The caller
 * (PaperExchange) skips matching while fills are held.
 */
export function matchOpenOrders(book: PaperBook, code: string | undefined): void {
  for (const order of book.orders) {
    if (openQtyOf(order) > 0 && (code === undefined || order.code === code)) matchOrder(book, order);
  }
}

/**
 * One matching event for one order: an open buy whose limit >= bestAsk fills up to liquidityPerStep shares at
 * bestAsk, an open sell whose limit <= bestBid up to that many at bestBid; a market order fills with no limit.
 */
export function matchOrder(book: PaperBook, order: MutableOrder): void {
  const open = openQtyOf(order);
  if (open <= 0) return;
  const quote = quoteView(book, order.code);
  if (quote === undefined) return;
  const market = order.type === 'market';
  if (order.side === 'buy') {
    if (market || order.price >= quote.bestAsk)
      applyFill(book, order, Math.min(open, book.liquidityPerStep), quote.bestAsk);
  } else if (market || order.price <= quote.bestBid) {
    applyFill(book, order, Math.min(open, book.liquidityPerStep), quote.bestBid);
  }
}
