import { openQtyOf } from './MutableOrder.ts';
import { openTarget, recordCancel, targetQty } from './orderEntry.ts';
import { type PaperBook, takeOrderNo } from './PaperBook.ts';
import type { PaperCancelRequest, PaperReceipt } from './PaperOrderRequests.ts';

/** A cancel acknowledged and not processed yet; `stepsLeft`: matching events until it takes effect by itself. */
interface DeferredCancel {
  readonly orderNo: string;
  readonly request: PaperCancelRequest;
  stepsLeft?: number;
}

/**
 * Cancels acknowledged before they take effect (Kiwoom answers a cancel before the exchange has processed it), oldest
 * first. They outlive PaperExchange.load, which replaces the book but not this list.
 */
export class DeferredCancels {
  readonly #pending: DeferredCancel[] = [];

  /**
   * Checks the request and gives it its order number now; the order stays open and fillable until apply(orderNo),
   * or until `afterSteps` matching events have passed when given. The receipt's quantity is what was open now.
   */
  accept(book: PaperBook, request: PaperCancelRequest, afterSteps?: number): PaperReceipt {
    const orig = openTarget(book, request.origOrderNo, request.code);
    const qty = targetQty(request.qty, openQtyOf(orig));
    if (afterSteps !== undefined && (!Number.isSafeInteger(afterSteps) || afterSteps < 1)) {
      throw new RangeError(`afterSteps must be a whole number >= 1: ${afterSteps}`);
    }
    const orderNo = takeOrderNo(book);
    this.#pending.push({ orderNo, request, ...(afterSteps !== undefined ? { stepsLeft: afterSteps } : {}) });
    return { orderNo, rootOrderNo: orig.rootOrderNo, qty };
  }

  /**
   * Processes an acknowledged cancel: what is still open of its order is cancelled (the requested quantity at most;
   * 0 = all). Returns the quantity it took away (0: none left, or no such cancel pending).
   */
  apply(book: PaperBook, orderNo: string): number {
    const i = this.#pending.findIndex((d) => d.orderNo === orderNo);
    const d = this.#pending[i];
    if (d === undefined) return 0;
    this.#pending.splice(i, 1);
    const orig = book.byNo.get(d.request.origOrderNo);
    if (orig === undefined) return 0;
    const open = openQtyOf(orig);
    const qty = d.request.qty === 0 ? open : Math.min(d.request.qty, open);
    recordCancel(book, orig, orderNo, qty);
    return qty;
  }

  /** Order numbers of the cancels not processed yet. */
  orderNos(): string[] {
    return this.#pending.map((d) => d.orderNo);
  }

  /** One matching event passed: cancels counted in events take effect when their count runs out. */
  countEvent(book: PaperBook): void {
    for (const d of [...this.#pending]) {
      if (d.stepsLeft === undefined) continue;
      d.stepsLeft -= 1;
      if (d.stepsLeft <= 0) this.apply(book, d.orderNo);
    }
  }
}
