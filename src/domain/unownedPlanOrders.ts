import type { Execution } from './Execution.ts';
import { matchUnknownOrder, type SentOrder } from './matchUnknownOrder.ts';
import type { OpenOrder } from './OpenOrder.ts';
import type { Side, StockCode } from './types.ts';

/**
 * Orders at the broker that the ledger cannot account for. An order for a code the plan trades, on the side it
 * trades it, that no record owns, changes the position behind the engine's back: a round sent twice (a lost order
 * that reconciliation failed to find), a ledger that went back in time, or an order placed by hand. The engine sizes
 * every later round from its ledger, so it would trade past the leg. It must stop and ask a person.
 *
 * A lost answer is the one legitimate reason for such an order to exist: until its record (`sending`/`unknown`) is
 * reconciled, the order it created is owned by nobody. So an order is unowned only when no such record could still
 * adopt it, by the same rule reconciliation uses (matchUnknownOrder: same code, side, quantity and limit price,
 * listed inside the record's window, not claimed).
 * @see ../../shared/reference/kiwoom-rest.md "Orders" ("There is no client order id")
 */

/** One order of the broker's lists that no record owns or can still adopt. */
export interface UnownedOrder {
  readonly orderNo: string;
  readonly code: StockCode;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  /** The broker's listed time, `HHmmss` KST. */
  readonly time: string;
  readonly source: 'open' | 'executed';
}

/** The broker's lists and what the ledger knows, read AFTER the lists (see unownedPlanOrders). */
export interface UnownedPlanOrdersInput {
  /** Codes the plan trades, by side (only phases that have started). */
  readonly planCodes: Readonly<Record<Side, ReadonlySet<StockCode>>>;
  /**
   * Per side, the broker time (`HHmmss` KST, today) before which no order of the phase can be listed: its start, moved
   * onto the broker's clock and widened by the clock skew as for matchUnknownOrder. An order listed earlier (a trade
   * by hand before the phase started) is not one of its rounds. Undefined: every order of today counts.
   */
  readonly listedFrom?: Readonly<Partial<Record<Side, string>>>;
  readonly openOrders: readonly OpenOrder[];
  readonly executions: readonly Execution[];
  /** Every order number a record owns today (claims, and the numbers of live records). */
  readonly ownedOrderNos: ReadonlySet<string>;
  /** What each `sending`/`unknown` record sent: their lost orders may still be adopted. */
  readonly unsettled: readonly SentOrder[];
  /** As for matchUnknownOrder. */
  readonly clockSkewMs?: number;
  readonly brokerOffsetMs?: number;
}

/**
 * The original (not amend or cancel), not rejected orders of the broker's lists for a plan code on its side that no
 * record owns and no unsettled record could adopt, each once, by order number. The ledger must have been read after
 * the lists: an order listed then was accepted before, so its record is by then either claiming it or still
 * `sending`/`unknown` (an adoptable candidate); read the other way round, an order placed in between looks unowned.
 */
export function unownedPlanOrders(input: UnownedPlanOrdersInput): UnownedOrder[] {
  const seen = new Map<string, UnownedOrder>();
  const consider = (o: UnownedOrder, origOrderNo: string | undefined) => {
    if (!isOriginal(origOrderNo) || seen.has(o.orderNo) || input.ownedOrderNos.has(o.orderNo)) return;
    if (!input.planCodes[o.side].has(o.code)) return;
    const from = input.listedFrom?.[o.side];
    if (from !== undefined && /^\d{6}$/.test(o.time) && o.time < from) return;
    if (adoptable(input, o)) return;
    seen.set(o.orderNo, o);
  };
  for (const o of input.openOrders) {
    consider(
      { orderNo: o.orderNo, code: o.code, side: o.side, qty: o.orderQty, price: o.price, time: o.time, source: 'open' },
      o.origOrderNo,
    );
  }
  for (const e of input.executions) {
    if (e.status.includes('거부')) continue;
    const o = { orderNo: e.orderNo, code: e.code, side: e.side, qty: e.orderQty, price: e.orderPrice, time: e.time };
    consider({ ...o, source: 'executed' }, e.origOrderNo);
  }
  return [...seen.values()];
}

/** True when some unsettled record could still take `o` as the order its lost request created. */
function adoptable(input: UnownedPlanOrdersInput, o: UnownedOrder): boolean {
  const asOpen: OpenOrder = {
    orderNo: o.orderNo,
    code: o.code,
    name: '',
    side: o.side,
    orderQty: o.qty,
    price: o.price,
    unfilledQty: o.qty,
    filledQty: 0,
    time: o.time,
  };
  return input.unsettled.some(
    (sent) =>
      matchUnknownOrder({
        sent,
        openOrders: [asOpen],
        executions: [],
        claimedOrderNos: input.ownedOrderNos,
        ...(input.clockSkewMs !== undefined ? { clockSkewMs: input.clockSkewMs } : {}),
        ...(input.brokerOffsetMs !== undefined ? { brokerOffsetMs: input.brokerOffsetMs } : {}),
      }).kind === 'found',
  );
}

/** An order number that marks an original placement (Kiwoom prints `0000000` for "none"). */
function isOriginal(origOrderNo: string | undefined): boolean {
  return origOrderNo === undefined || origOrderNo === '' || /^0+$/.test(origOrderNo);
}
