import type { Execution } from './Execution.ts';
import { kstHHmmss } from './kstClock.ts';
import type { OpenOrder } from './OpenOrder.ts';
import type { Side, StockCode } from './types.ts';

/**
 * Finding the order a timed-out request may have created. Kiwoom has no client order id, so the only evidence is
 * the broker's lists of today's open and executed orders: an order of the same code, side and quantity (and price,
 * for a limit order), accepted no earlier than the request left, that no other ledger record owns.
 * @see ../../shared/reference/kiwoom-rest.md "Orders" ("There is no client order id")
 */

/**
 * How far the broker's clock may run behind ours by default, ms (CLOCK_SKEW_MS). Wide on purpose: a window too narrow
 * makes a lost order look "not placed" and the round is sent twice, while a wide one costs nothing, because orders
 * other records own are never candidates and two fits are never guessed (`ambiguous`).
 */
export const DEFAULT_CLOCK_SKEW_MS = 30_000;

/** What was sent, as the ledger wrote it before the request left. */
export interface SentOrder {
  readonly code: StockCode;
  readonly side: Side;
  readonly qty: number;
  /** Limit price sent; 0 for a market order (then the price is not compared). */
  readonly price: number;
  /** Epoch ms when the record was written as `sending` (just before the request left). */
  readonly sentAt: number;
}

/** The lost request and the broker's lists to look for it in. */
export interface MatchUnknownOrderInput {
  readonly sent: SentOrder;
  readonly openOrders: readonly OpenOrder[];
  readonly executions: readonly Execution[];
  /** Order numbers other ledger records already own: never adopted (they are not this request's order). */
  readonly claimedOrderNos: ReadonlySet<string>;
  /**
   * How far the broker's clock may run behind ours, in ms (default DEFAULT_CLOCK_SKEW_MS). Broker times are whole
   * seconds, so the window opens at the second of `sentAt + brokerOffsetMs - clockSkewMs`.
   */
  readonly clockSkewMs?: number;
  /**
   * The broker's clock minus ours as measured, ms (negative: the broker is behind); default 0. The send time is moved
   * onto the broker's clock before the window is opened.
   */
  readonly brokerOffsetMs?: number;
}

/** What the lists say about the lost request. */
export type UnknownOrderMatch =
  | { readonly kind: 'found'; readonly orderNo: string; readonly source: 'open' | 'executed' }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly orderNos: readonly string[] };

/** An order number that marks an original placement (Kiwoom prints `0000000` for "none"). */
function isOriginal(origOrderNo: string | undefined): boolean {
  return origOrderNo === undefined || origOrderNo === '' || /^0+$/.test(origOrderNo);
}

/**
 * The broker order a `sending`/`unknown` record created, if the evidence names exactly one.
 * - `found`: exactly one unclaimed original order of the same code, side, quantity (and limit price) accepted at or
 *   after the send time (minus the clock skew).
 * - `none`: no such order. The caller may place again only once the request can no longer arrive (its settle time).
 * - `ambiguous`: more than one: never guessed; the record stays unknown for a person to resolve.
 * Amendments and cancels (orders with an original order number) and rejected orders are never candidates.
 * Intraday only: a send time before midnight KST is not compared with orders after it (KRX does not trade then).
 */
export function matchUnknownOrder(input: MatchUnknownOrderInput): UnknownOrderMatch {
  const { sent } = input;
  const skew = input.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  if (!Number.isFinite(skew) || skew < 0) throw new RangeError(`clock skew must be >= 0 ms: ${skew}`);
  const offset = input.brokerOffsetMs ?? 0;
  if (!Number.isFinite(offset)) throw new RangeError(`broker clock offset must be a number of ms: ${offset}`);
  const from = kstHHmmss(sent.sentAt + offset - skew);
  const candidates = new Map<string, 'open' | 'executed'>();
  const fits = (o: { orderNo: string; code: string; side: Side; qty: number; price: number; time: string }) =>
    o.code === sent.code &&
    o.side === sent.side &&
    o.qty === sent.qty &&
    (sent.price === 0 || o.price === sent.price) &&
    /^\d{6}$/.test(o.time) &&
    o.time >= from &&
    !input.claimedOrderNos.has(o.orderNo);
  for (const o of input.openOrders) {
    if (!isOriginal(o.origOrderNo)) continue;
    if (fits({ orderNo: o.orderNo, code: o.code, side: o.side, qty: o.orderQty, price: o.price, time: o.time })) {
      candidates.set(o.orderNo, 'open');
    }
  }
  for (const e of input.executions) {
    if (!isOriginal(e.origOrderNo) || e.status.includes('거부')) continue;
    const f = { orderNo: e.orderNo, code: e.code, side: e.side, qty: e.orderQty, price: e.orderPrice, time: e.time };
    if (fits(f) && !candidates.has(e.orderNo)) candidates.set(e.orderNo, 'executed');
  }
  if (candidates.size === 0) return { kind: 'none' };
  const entries = [...candidates.entries()];
  const first = entries[0];
  if (entries.length === 1 && first !== undefined) return { kind: 'found', orderNo: first[0], source: first[1] };
  return { kind: 'ambiguous', orderNos: entries.map(([orderNo]) => orderNo).sort() };
}
