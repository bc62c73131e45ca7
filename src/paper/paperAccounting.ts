import { commission, sellTax } from '../domain/fees.ts';
import type { FeeRates } from '../domain/types.ts';
import { type MutableOrder, openQtyOf } from './MutableOrder.ts';
import { holdingOf, instrumentOf, type PaperBook } from './PaperBook.ts';
import type { PaperLedger } from './PaperLedger.ts';

/**
 * Cash and share accounting of a paper book: what a fill does to cash and holdings, what open orders reserve, and
 * the totals the invariants check. See PaperExchange.ts for the rules (reservations, sellable shares, fees).
 */

/**
 * Cash an open buy must keep reserved: the most its open quantity can still cost at `limit`, plus the commission
 * increase that would bring on top of what `filledValue` already paid. Fills at or below `limit` always cost no
 * more than the reservation they release, so orderable cash never goes negative.
 */
export function reserveFor(openQty: number, limit: number, filledValue: number, fees: FeeRates): number {
  const openValue = openQty * limit;
  return openValue + commission(filledValue + openValue, fees) - commission(filledValue, fees);
}

/** What an order reserves now: 0 for a sell or a closed order; a market buy reserves at the upper limit. */
export function reserveOf(book: PaperBook, order: MutableOrder): number {
  if (order.side !== 'buy') return 0;
  const open = openQtyOf(order);
  if (open === 0) return 0;
  const limit = order.type === 'market' ? instrumentOf(book, order.code).path.limits.upper : order.price;
  return reserveFor(open, limit, order.filledValue, book.fees);
}

/** Cash reserved by open buy orders, won. */
export function reservedCash(book: PaperBook): number {
  let total = 0;
  for (const order of book.orders) if (order.side === 'buy') total += reserveOf(book, order);
  return total;
}

/** Cash that can fund a new buy now: cash minus what open buy orders reserve (commission included). */
export function orderableCash(book: PaperBook): number {
  return book.cash - reservedCash(book);
}

/** Sale proceeds received today (value - commission - tax of every sell fill). */
export function unsettledSaleProceeds(book: PaperBook): number {
  let total = 0;
  for (const order of book.orders) {
    if (order.side === 'sell') total += order.filledValue - order.commission - order.tax;
  }
  return total;
}

/** Shares of a code in open sell orders. */
export function openSellQty(book: PaperBook, code: string): number {
  let total = 0;
  for (const o of book.orders) if (o.side === 'sell' && o.code === code) total += openQtyOf(o);
  return total;
}

/** Shares of a code a new sell may take: held - not tradable - open sells. */
export function sellableQty(book: PaperBook, code: string): number {
  const h = book.holdings.get(code);
  return h === undefined ? 0 : h.qty - h.blocked - openSellQty(book, code);
}

/** Books one fill of `qty` at `price`: the order's counters and fills, cash, the holding and the stock's volume. */
export function applyFill(book: PaperBook, order: MutableOrder, qty: number, price: number): void {
  const value = qty * price;
  const newValue = order.filledValue + value;
  // Cumulative rounding: the order's commission and tax always equal the fees.ts amounts of its filled value.
  const fee = commission(newValue, book.fees) - order.commission;
  const tax = order.side === 'sell' ? sellTax(newValue, book.fees) - order.tax : 0;
  const holding = holdingOf(book, order.code);
  if (order.side === 'buy') {
    book.cash -= value + fee;
    holding.qty += qty;
    holding.cost += value;
    holding.bought += qty;
  } else {
    book.cash += value - fee - tax;
    // Average cost is unchanged by a sale: remove the sold shares' share of the cost.
    holding.cost = holding.qty === qty ? 0 : holding.cost - Math.round((holding.cost / holding.qty) * qty);
    holding.qty -= qty;
    holding.sold += qty;
  }
  order.filledQty += qty;
  order.filledValue = newValue;
  order.commission += fee;
  order.tax += tax;
  order.fills.push({ qty, price, at: book.now(), commission: fee, tax });
  instrumentOf(book, order.code).volume += qty;
}

/** Totals since the start, for conservation checks. */
export function ledgerOf(book: PaperBook): PaperLedger {
  let boughtValue = 0;
  let soldValue = 0;
  let commissions = 0;
  let taxes = 0;
  for (const o of book.orders) {
    if (o.side === 'buy') boughtValue += o.filledValue;
    else soldValue += o.filledValue;
    commissions += o.commission;
    taxes += o.tax;
  }
  const shares: Record<string, { initial: number; bought: number; sold: number }> = {};
  for (const [code, h] of book.holdings) shares[code] = { initial: h.initial, bought: h.bought, sold: h.sold };
  return { initialCash: book.initialCash, boughtValue, soldValue, commissions, taxes, shares };
}
