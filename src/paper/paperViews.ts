import { nextTickDown, nextTickUp } from '../domain/ticks.ts';
import { type MutableOrder, openQtyOf } from './MutableOrder.ts';
import { instrumentOf, type PaperBook } from './PaperBook.ts';
import type { PaperOrder, PaperOrderStatus } from './PaperOrder.ts';
import type { PaperPositionView } from './PaperPositionView.ts';
import type { PaperQuoteView } from './PaperQuoteView.ts';
import { openSellQty } from './paperAccounting.ts';

/** The read views of a paper book: a stock's quote, the positions held, and an order as callers see it. */

/**
 * Market view of a code; undefined for an unknown code. bestAsk is one tick above the price and bestBid one tick
 * below, both clamped to the daily limits.
 */
export function quoteView(book: PaperBook, code: string): PaperQuoteView | undefined {
  const instrument = book.instruments.get(code);
  if (instrument === undefined) return undefined;
  const { path } = instrument;
  const { upper, lower } = path.limits;
  const price = path.price;
  return {
    code,
    name: instrument.name,
    price,
    bestBid: price <= lower ? lower : Math.max(lower, nextTickDown(price, path.kind)),
    bestAsk: price >= upper ? upper : Math.min(upper, nextTickUp(price, path.kind)),
    upperLimit: upper,
    lowerLimit: lower,
    basePrice: path.base,
    open: path.base,
    high: path.high,
    low: path.low,
    volume: instrument.volume,
  };
}

/** Holdings with at least one share, in account-file order then order of first purchase. */
export function positionViews(book: PaperBook): PaperPositionView[] {
  const out: PaperPositionView[] = [];
  for (const [code, h] of book.holdings) {
    if (h.qty <= 0) continue;
    const instrument = instrumentOf(book, code);
    out.push({
      code,
      name: instrument.name,
      qty: h.qty,
      sellableQty: Math.max(0, h.qty - h.blocked - openSellQty(book, code)),
      avgPrice: Math.round(h.cost / h.qty),
      costBasis: h.cost,
      price: instrument.path.price,
      boughtToday: h.bought,
      soldToday: h.sold,
    });
  }
  return out;
}

/** A copy of an order with its open quantity and status (its fill list copied too, so callers cannot change it). */
export function orderView(o: MutableOrder): PaperOrder {
  const openQty = openQtyOf(o);
  let status: PaperOrderStatus = 'filled';
  if (openQty > 0) status = 'open';
  else if (o.cancelledQty > 0) status = 'cancelled';
  else if (o.amendedQty > 0) status = 'amended';
  return { ...o, openQty, status, fills: [...o.fills] };
}
