import type { FeeRates } from '../domain/types.ts';
import { assertBookInvariants } from './assertBookInvariants.ts';
import { DeferredCancels } from './DeferredCancels.ts';
import { openQtyOf } from './MutableOrder.ts';
import { matchOpenOrders, matchOrder } from './matchOrders.ts';
import { enterAmend, enterCancel, enterOrder } from './orderEntry.ts';
import { DEFAULT_SEED, openBook, type PaperBook } from './PaperBook.ts';
import type { PaperCancel } from './PaperCancel.ts';
import type { PaperExchangeOptions } from './PaperExchangeOptions.ts';
import type { PaperExchangeSnapshot } from './PaperExchangeSnapshot.ts';
import type { PaperLedger } from './PaperLedger.ts';
import type { PaperOrder } from './PaperOrder.ts';
import type { PaperAmendRequest, PaperCancelRequest, PaperNewOrder, PaperReceipt } from './PaperOrderRequests.ts';
import type { PaperPositionView } from './PaperPositionView.ts';
import type { PaperQuoteView } from './PaperQuoteView.ts';
import type { PaperRequestRecord } from './PaperRequestRecord.ts';
import { ledgerOf, orderableCash, reservedCash, unsettledSaleProceeds } from './paperAccounting.ts';
import { orderView, positionViews, quoteView } from './paperViews.ts';
import { restoreBook } from './restoreBook.ts';
import { snapshotBook } from './snapshotBook.ts';

/**
 * The paper exchange's book-keeping and matching, with no IO (the server in paperServer.ts calls it). This class is
 * the composition: the day's state is a PaperBook (PaperBook.ts); order entry (orderEntry.ts), matching
 * (matchOrders.ts), cash and share accounting (paperAccounting.ts), the read views (paperViews.ts) and snapshots
 * (snapshotBook.ts, restoreBook.ts) are functions over it.
 *
 * Market model (one stock):
 * - `price` is the last trade, a seeded random walk on the tick grid inside the daily limits (PricePath).
 * - bestAsk = one tick above the price and bestBid = one tick below, both clamped to the limits (at the upper
 *   limit bestAsk = the limit itself; at the lower limit bestBid = the limit itself).
 * - A matching event happens when an order arrives (amends included) and, for every open order, after each price
 *   step (step(), setPrice(), the server's auto-step timer). In one event an open buy whose limit >= bestAsk fills
 *   up to `liquidityPerStep` shares AT bestAsk, an open sell whose limit <= bestBid fills up to that many AT bestBid;
 *   market orders fill the same way with no limit. What is left rests and fills in later events, so large orders
 *   fill partially over several steps. Fills never move the price. Orders match in order-number order.
 * - Commission (commissionPpm per side) and sales tax (sellTaxPpm) are charged on every fill as the increase of the
 *   order's cumulative cost, each rounded up to the won the way src/domain/fees.ts does (so an order's
 *   `commission` always equals commission(its filled value)); that is what tdy_trde_cmsn / tdy_trde_tax report.
 * - A buy reserves cash while open: open qty x limit (the upper limit for a market order, as brokers do) plus the
 *   commission that would bring. Orderable cash = cash - reservations; a buy beyond it is rejected. Because fills
 *   happen at or better than the reserved price, the reservation always covers them (cash never goes below the
 *   reservations). Cancels and amends release the reservation of what they take away.
 * - Sellable shares = held - open sell quantity - shares the account file marks as not tradable
 *   (`qty - sellableQty`, e.g. pledged).
 * - Amend (정정) moves open quantity (all of it for qty 0) to a NEW order at the new price; the old order keeps its
 *   fills and, once nothing is open, is final with status 'amended'. Cancel takes open quantity away (0 = all) and
 *   gets an order number of its own (a cancel record, see cancellations()). A cancel can also be acknowledged before
 *   it takes effect (acceptCancelLater, the server's fault `cancelAckBeforeEffect`): the order fills meanwhile.
 * - Order numbers are 7 digits and count up by one from `firstOrderNo`, which by default comes from the start time
 *   (paperFirstOrderNo in firstOrderNo.ts), so a restart later the same day does not hand out numbers again.
 * Every rejection throws PaperRejection and leaves the state unchanged.
 */

/** See the file comment for the market model. */
export class PaperExchange {
  /** Every request the server received, on arrival (the engine measures order spacing from it). */
  readonly requestLog: PaperRequestRecord[] = [];
  readonly fees: FeeRates;
  readonly liquidityPerStep: number;
  /** The seed the exchange was created with; snapshots report it (load() replaces the book, not this). */
  readonly #seed: number;
  #book: PaperBook;
  /** Cancels acknowledged but not processed yet (acceptCancelLater), oldest first. */
  readonly #deferred = new DeferredCancels();
  #fillsHeld = false;

  constructor(options: PaperExchangeOptions) {
    this.#book = openBook(options);
    this.fees = this.#book.fees;
    this.liquidityPerStep = this.#book.liquidityPerStep;
    this.#seed = options.seed ?? DEFAULT_SEED;
  }

  /** Number the first order of the day got (or will get); later ones count up by one. */
  get firstOrderNo(): number {
    return this.#book.firstOrderNo;
  }

  /**
   * The whole state as JSON-safe data (see PaperExchangeSnapshot): what `load` needs to continue exactly here,
   * price paths included. Not part of it: the request log, held fills, fees and liquidity (the options).
   */
  snapshot(): PaperExchangeSnapshot {
    return snapshotBook(this.#book, this.#seed);
  }

  /**
   * Replaces the whole state with a snapshot's (a restart resuming, or a reset: the snapshot of a fresh exchange).
   * A snapshot of an earlier KST day starts a new trading day from it: the last prices become the base prices,
   * open orders expire, order numbers start again from the time of day, holdings and cash carry over. Throws
   * PaperSnapshotError and changes nothing when the snapshot is unreadable or breaks an invariant.
   */
  load(raw: unknown): void {
    const { fees, liquidityPerStep, now } = this.#book;
    this.#book = restoreBook(raw, { fees, liquidityPerStep, now });
  }

  /** Records one request as it arrived (the server calls this for every request). */
  recordRequest(record: PaperRequestRecord): void {
    this.requestLog.push(record);
  }

  /** While on, nothing fills: orders are accepted and rest open. Turning it off fills nothing by itself. */
  holdFills(on: boolean): void {
    this.#fillsHeld = on;
  }

  /** Whether fills are held (see holdFills). */
  get fillsHeld(): boolean {
    return this.#fillsHeld;
  }

  /** Advances every price path `n` steps (default 1), matching open orders after each step. */
  step(n = 1): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`steps must be a whole number >= 0: ${n}`);
    for (let i = 0; i < n; i++) {
      for (const instrument of this.#book.instruments.values()) instrument.path.step();
      this.#matchOpen(undefined);
      this.#deferred.countEvent(this.#book);
    }
  }

  /** Forces a price (rounded down to the tick grid, clamped into the limits), then matches that stock's orders. */
  setPrice(code: string, price: number): void {
    const instrument = this.#book.instruments.get(code);
    if (instrument === undefined) throw new RangeError(`unknown code: ${code}`);
    instrument.path.set(price);
    this.#matchOpen(code);
    this.#deferred.countEvent(this.#book);
  }

  /** Codes the exchange knows (held at start or quoted), in account-file order. */
  codes(): string[] {
    return [...this.#book.instruments.keys()];
  }

  /** Market view of a code; undefined for an unknown code. */
  quote(code: string): PaperQuoteView | undefined {
    return quoteView(this.#book, code);
  }

  /** Deposit cash now, won (after every fill's value, commission and tax). */
  cash(): number {
    return this.#book.cash;
  }

  /** Cash reserved by open buy orders, won. */
  reservedCash(): number {
    return reservedCash(this.#book);
  }

  /** Cash that can fund a new buy now: cash minus what open buy orders reserve (commission included). */
  orderableCash(): number {
    return orderableCash(this.#book);
  }

  /** Sale proceeds received today (value - commission - tax of every sell fill): cash that cannot be withdrawn yet (T+2). */
  unsettledSaleProceeds(): number {
    return unsettledSaleProceeds(this.#book);
  }

  /** Holdings with at least one share, in account-file order then order of first purchase. */
  positions(): PaperPositionView[] {
    return positionViews(this.#book);
  }

  /** Every order ever accepted (new and amendment orders, open or final), oldest first, as snapshots. */
  orders(): readonly PaperOrder[] {
    return this.#book.orders.map((o) => orderView(o));
  }

  /** Orders with open quantity, oldest first. */
  openOrders(): PaperOrder[] {
    return this.#book.orders.filter((o) => openQtyOf(o) > 0).map((o) => orderView(o));
  }

  /** One order by number; undefined when there is none (cancel records are not orders: see cancellations()). */
  order(orderNo: string): PaperOrder | undefined {
    const o = this.#book.byNo.get(orderNo);
    return o === undefined ? undefined : orderView(o);
  }

  /** Every cancel record, oldest first. */
  cancellations(): readonly PaperCancel[] {
    return [...this.#book.cancels];
  }

  /** Totals since the start, for conservation checks. */
  ledger(): PaperLedger {
    return ledgerOf(this.#book);
  }

  /**
   * Checks the money and share invariants and throws an Error naming the first one broken (see
   * assertBookInvariants). Cheap enough to call after every step in tests.
   */
  assertInvariants(): void {
    assertBookInvariants(this.#book);
  }

  /** Accepts a new order (and matches it once at once) or throws PaperRejection without changing anything. */
  placeOrder(request: PaperNewOrder): PaperReceipt {
    const { receipt, order } = enterOrder(this.#book, request);
    if (!this.#fillsHeld) matchOrder(this.#book, order);
    return receipt;
  }

  /**
   * Moves open quantity of an order to a new order at a new price (정정). The new order is matched once at once.
   * Throws PaperRejection without changing anything for an unknown or closed order, another code, a quantity
   * beyond what is open, a market order, a bad price, or (buys) a price the orderable cash cannot cover.
   */
  amendOrder(request: PaperAmendRequest): PaperReceipt {
    const { receipt, order } = enterAmend(this.#book, request);
    if (!this.#fillsHeld) matchOrder(this.#book, order);
    return receipt;
  }

  /** Cancels open quantity of an order (0 = all). Throws PaperRejection without changing anything when it cannot. */
  cancelOrder(request: PaperCancelRequest): PaperReceipt {
    return enterCancel(this.#book, request);
  }

  /**
   * A cancel acknowledged before it takes effect (Kiwoom answers a cancel before the exchange has processed it): the
   * request is checked and gets its order number now, but the order stays open and fillable until
   * applyDeferredCancel(orderNo), or until `afterSteps` matching events (step(), setPrice()) have passed when given.
   * Then what is still open of it is cancelled (the requested quantity at most; 0 = all). The receipt's quantity is
   * what was open at the acknowledgement.
   */
  acceptCancelLater(request: PaperCancelRequest, afterSteps?: number): PaperReceipt {
    return this.#deferred.accept(this.#book, request, afterSteps);
  }

  /** Processes a cancel acknowledged earlier (acceptCancelLater); returns the quantity it took away (0: none left). */
  applyDeferredCancel(orderNo: string): number {
    return this.#deferred.apply(this.#book, orderNo);
  }

  /** Cancels acknowledged and not processed yet (their order numbers). */
  deferredCancels(): string[] {
    return this.#deferred.orderNos();
  }

  /** A matching event for the open orders of `code` (undefined: of every stock), unless fills are held. */
  #matchOpen(code: string | undefined): void {
    if (!this.#fillsHeld) matchOpenOrders(this.#book, code);
  }
}
