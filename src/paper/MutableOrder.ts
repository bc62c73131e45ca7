import type { PaperFill, PaperOrder } from './PaperOrder.ts';

/** The counters fills, cancels and amendments move; every other field of an order is fixed once it is accepted. */
type Counter = 'filledQty' | 'filledValue' | 'commission' | 'tax' | 'cancelledQty' | 'amendedQty';

/**
 * An order as the exchange keeps it: PaperOrder's fields with the counters writable and a fill list it appends to,
 * without the fields a view derives from the counters (openQty, status: see openQtyOf and orderView).
 */
export type MutableOrder = Omit<PaperOrder, Counter | 'openQty' | 'status' | 'fills'> & {
  -readonly [K in Counter]: PaperOrder[K];
} & { readonly fills: PaperFill[] };

/** Quantity still open: qty - filled - cancelled - amended. */
export function openQtyOf(o: MutableOrder): number {
  return o.qty - o.filledQty - o.cancelledQty - o.amendedQty;
}

/** An order just accepted: nothing filled, cancelled or amended yet. */
export function acceptedOrder(
  fields: Omit<MutableOrder, Counter | 'acceptedAt' | 'fills'>,
  acceptedAt: number,
): MutableOrder {
  return {
    ...fields,
    filledQty: 0,
    filledValue: 0,
    commission: 0,
    tax: 0,
    cancelledQty: 0,
    amendedQty: 0,
    acceptedAt,
    fills: [],
  };
}
