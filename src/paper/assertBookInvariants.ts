import { commission, sellTax } from '../domain/fees.ts';
import { openQtyOf } from './MutableOrder.ts';
import type { PaperBook } from './PaperBook.ts';
import { ledgerOf, openSellQty, reservedCash } from './paperAccounting.ts';

/**
 * Checks the money and share invariants and throws an Error naming the first one broken: cash and orderable cash
 * never negative; cash = initial - bought - commissions - taxes + sold; shares = initial + bought - sold and never
 * below the open sell quantity; every order's quantities add up. Cheap enough to call after every step in tests.
 */
export function assertBookInvariants(book: PaperBook): void {
  const fail = (what: string): never => {
    throw new Error(`paper exchange invariant broken: ${what}`);
  };
  if (!Number.isSafeInteger(book.cash) || book.cash < 0) fail(`cash ${book.cash}`);
  const reserved = reservedCash(book);
  if (reserved < 0 || book.cash - reserved < 0) fail(`cash ${book.cash} below reserved ${reserved}`);
  const l = ledgerOf(book);
  const expectedCash = l.initialCash - l.boughtValue - l.commissions - l.taxes + l.soldValue;
  if (expectedCash !== book.cash) fail(`cash ${book.cash} but the fills say ${expectedCash}`);
  for (const [code, h] of book.holdings) {
    if (h.qty !== h.initial + h.bought - h.sold)
      fail(`${code} holds ${h.qty}, fills say ${h.initial + h.bought - h.sold}`);
    if (h.qty < 0) fail(`${code} holds ${h.qty}`);
    if (openSellQty(book, code) > h.qty - h.blocked) {
      fail(`${code} open sells ${openSellQty(book, code)} exceed ${h.qty - h.blocked} tradable`);
    }
  }
  for (const o of book.orders) {
    if (openQtyOf(o) < 0) fail(`order ${o.orderNo} open qty ${openQtyOf(o)}`);
    const filled = o.fills.reduce((s, f) => s + f.qty, 0);
    if (filled !== o.filledQty) fail(`order ${o.orderNo} fills ${filled} vs filledQty ${o.filledQty}`);
    if (o.commission !== commission(o.filledValue, book.fees)) fail(`order ${o.orderNo} commission`);
    if (o.side === 'sell' && o.tax !== sellTax(o.filledValue, book.fees)) fail(`order ${o.orderNo} tax`);
  }
}
