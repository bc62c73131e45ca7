import { isOnTick } from '../domain/ticks.ts';
import { acceptedOrder, type MutableOrder, openQtyOf } from './MutableOrder.ts';
import { addOrder, type Instrument, instrumentOf, type PaperBook, takeOrderNo } from './PaperBook.ts';
import type { PaperAmendRequest, PaperCancelRequest, PaperNewOrder, PaperReceipt } from './PaperOrderRequests.ts';
import { PaperRejection } from './PaperRejection.ts';
import { orderableCash, reserveFor, reserveOf, sellableQty } from './paperAccounting.ts';

/**
 * Order entry: checks a new order, an amend or a cancel against the book and records it, or throws PaperRejection
 * leaving the book unchanged. Matching the order an entry created is the caller's (PaperExchange's) next step.
 */

/** An accepted request and, for a new order or an amendment, the order it created (to match at once). */
export interface Entry {
  readonly receipt: PaperReceipt;
  readonly order: MutableOrder;
}

/** Accepts a new order or throws PaperRejection without changing anything. */
export function enterOrder(book: PaperBook, request: PaperNewOrder): Entry {
  const instrument = book.instruments.get(request.code);
  if (instrument === undefined) throw new PaperRejection('unknownStock', `종목코드=${request.code}`);
  if (!Number.isSafeInteger(request.qty) || request.qty <= 0) {
    throw new PaperRejection('badQty', `주문수량=${request.qty}`);
  }
  if (request.side !== 'buy' && request.side !== 'sell') throw new PaperRejection('badFormat', 'side');
  let price = 0;
  if (request.type === 'limit') {
    price = checkLimitPrice(instrument, request.price);
  } else if (request.type !== 'market') {
    throw new PaperRejection('unsupportedType');
  }
  if (request.side === 'buy') {
    const need = reserveFor(request.qty, price === 0 ? instrument.path.limits.upper : price, 0, book.fees);
    const orderable = orderableCash(book);
    if (need > orderable) {
      throw new PaperRejection('insufficientCash', `필요금액=${need}, 주문가능금액=${orderable}`);
    }
  } else {
    const sellable = sellableQty(book, request.code);
    if (request.qty > sellable) {
      throw new PaperRejection('insufficientShares', `주문수량=${request.qty}, 매도가능수량=${sellable}`);
    }
  }
  const orderNo = takeOrderNo(book);
  const order = acceptedOrder(
    {
      orderNo,
      origOrderNo: undefined,
      rootOrderNo: orderNo,
      kind: 'new',
      side: request.side,
      type: request.type,
      code: request.code,
      name: instrument.name,
      price,
      qty: request.qty,
    },
    book.now(),
  );
  addOrder(book, order);
  return { receipt: { orderNo, rootOrderNo: orderNo, qty: request.qty }, order };
}

/**
 * Moves open quantity of an order to a new order at a new price (정정). Throws PaperRejection without changing
 * anything for an unknown or closed order, another code, a quantity beyond what is open, a market order, a bad
 * price, or (buys) a price the orderable cash cannot cover.
 */
export function enterAmend(book: PaperBook, request: PaperAmendRequest): Entry {
  const orig = openTarget(book, request.origOrderNo, request.code);
  const open = openQtyOf(orig);
  const qty = targetQty(request.qty, open);
  if (orig.type !== 'limit') throw new PaperRejection('unsupportedType', '시장가 주문은 정정할 수 없습니다');
  const instrument = instrumentOf(book, orig.code);
  const price = checkLimitPrice(instrument, request.price);
  if (orig.side === 'buy') {
    // Cash the move frees on the old order, then what the new order needs.
    const before = reserveOf(book, orig);
    const after = reserveFor(open - qty, orig.price, orig.filledValue, book.fees);
    const available = orderableCash(book) + before - after;
    const need = reserveFor(qty, price, 0, book.fees);
    if (need > available) {
      throw new PaperRejection('insufficientCash', `필요금액=${need}, 주문가능금액=${available}`);
    }
  }
  const orderNo = takeOrderNo(book);
  orig.amendedQty += qty;
  const order = acceptedOrder(
    {
      orderNo,
      origOrderNo: orig.orderNo,
      rootOrderNo: orig.rootOrderNo,
      kind: 'amend',
      side: orig.side,
      type: 'limit',
      code: orig.code,
      name: orig.name,
      price,
      qty,
    },
    book.now(),
  );
  addOrder(book, order);
  return { receipt: { orderNo, rootOrderNo: orig.rootOrderNo, qty }, order };
}

/** Cancels open quantity of an order (0 = all). Throws PaperRejection without changing anything when it cannot. */
export function enterCancel(book: PaperBook, request: PaperCancelRequest): PaperReceipt {
  const orig = openTarget(book, request.origOrderNo, request.code);
  const qty = targetQty(request.qty, openQtyOf(orig));
  const orderNo = takeOrderNo(book);
  recordCancel(book, orig, orderNo, qty);
  return { orderNo, rootOrderNo: orig.rootOrderNo, qty };
}

/** Takes `qty` of `orig`'s open quantity away under the cancel's own order number, leaving a cancel record. */
export function recordCancel(book: PaperBook, orig: MutableOrder, orderNo: string, qty: number): void {
  orig.cancelledQty += qty;
  book.cancels.push({
    orderNo,
    origOrderNo: orig.orderNo,
    rootOrderNo: orig.rootOrderNo,
    code: orig.code,
    side: orig.side,
    qty,
    at: book.now(),
  });
}

/** The order an amend or cancel names: it must be open and of the same code. */
export function openTarget(book: PaperBook, origOrderNo: string, code: string): MutableOrder {
  const orig = book.byNo.get(origOrderNo);
  if (orig === undefined || openQtyOf(orig) <= 0) {
    throw new PaperRejection('noOpenOrder', `원주문번호=${origOrderNo}`);
  }
  if (orig.code !== code) throw new PaperRejection('codeMismatch', `원주문 종목=${orig.code}, 요청 종목=${code}`);
  return orig;
}

/** The quantity an amend or cancel moves: 0 means all that is open; more than is open is refused. */
export function targetQty(requested: number, open: number): number {
  if (!Number.isSafeInteger(requested) || requested < 0) throw new PaperRejection('badQty', `수량=${requested}`);
  if (requested > open) throw new PaperRejection('qtyBeyondOpen', `수량=${requested}, 미체결수량=${open}`);
  return requested === 0 ? open : requested;
}

function checkLimitPrice(instrument: Instrument, price: number | undefined): number {
  if (price === undefined || !Number.isSafeInteger(price) || price <= 0) {
    throw new PaperRejection('offTick', `주문가격=${String(price)}`);
  }
  const { upper, lower } = instrument.path.limits;
  // @see ../shared/reference/krx-rules.md "Tick sizes": an order off the tick grid is rejected by the broker.
  if (!isOnTick(price, instrument.path.kind)) throw new PaperRejection('offTick', `주문가격=${price}`);
  // @see ../shared/reference/krx-rules.md "Daily price limits"
  if (price > upper || price < lower) {
    throw new PaperRejection('outsideLimits', `주문가격=${price}, 상한가=${upper}, 하한가=${lower}`);
  }
  return price;
}
