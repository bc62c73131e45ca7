import type { Execution } from './Execution.ts';
import type { OpenOrder } from './OpenOrder.ts';

/**
 * Whether the broker's lists confirm that a cancelled order has stopped filling.
 *
 * Kiwoom acknowledges a cancel before the exchange has processed it: shares can still fill between the answer and
 * the moment the cancel takes effect, and the executed list can report those fills late. A record whose cancel was
 * acknowledged (or whose order left the open list) therefore still counts as possibly filling, at its full
 * quantity, until this says `confirmed`; only then is it closed with the fills the lists show, and only then is a
 * follow-up or the leg's last round sized from it.
 *
 * Confirmed when the order is no longer open (not in the open list with unfilled shares) and either the executed
 * list agrees (it lists the order with nothing unfilled: its fill total is final) or `settleMs` have passed since
 * `since` (the acknowledgement, or the moment the order was first seen gone): an order that filled nothing is not in
 * the executed list at all, so only time can settle it.
 * @see ../shared/reference/kiwoom-rest.md "Orders" (a cancel is answered with its own order number)
 */

/** The parts of an open-list row this reads. */
type OpenRow = Pick<OpenOrder, 'orderNo' | 'unfilledQty'>;

/** The parts of an executed-list row this reads. */
type ExecutedRow = Pick<Execution, 'orderNo' | 'filledQty' | 'unfilledQty'>;

export type CancelSettlement =
  /** Done: the fill total the executed list shows now is final. `by`: the lists agreed, or the settle time passed. */
  | { readonly kind: 'confirmed'; readonly by: 'lists' | 'settle-time' }
  /** Still open with unfilled shares: the cancel has not taken effect (yet). `settled`: the settle time has passed. */
  | { readonly kind: 'open'; readonly settled: boolean; readonly retryAt: number }
  /** Gone from the open list, but the executed list may still lag: ask again at `retryAt`. */
  | { readonly kind: 'too-early'; readonly retryAt: number };

export function cancelSettlement(args: {
  readonly orderNo: string;
  readonly openOrders: readonly OpenRow[];
  readonly executions: readonly ExecutedRow[];
  /** Epoch ms the wait counts from: the cancel's acknowledgement, or when the order was first seen gone. */
  readonly since: number;
  readonly now: number;
  readonly settleMs: number;
}): CancelSettlement {
  const retryAt = args.since + args.settleMs;
  const settled = args.now >= retryAt;
  if (args.openOrders.some((o) => o.orderNo === args.orderNo && o.unfilledQty > 0)) {
    return { kind: 'open', settled, retryAt };
  }
  // A list can repeat an order (paging): the row with the most fills is the newest.
  let row: ExecutedRow | undefined;
  for (const e of args.executions) {
    if (e.orderNo === args.orderNo && (row === undefined || e.filledQty > row.filledQty)) row = e;
  }
  if (row !== undefined && row.unfilledQty === 0) return { kind: 'confirmed', by: 'lists' };
  if (settled) return { kind: 'confirmed', by: 'settle-time' };
  return { kind: 'too-early', retryAt };
}
