import type { LedgerRecord, LedgerState } from './LedgerRecord.ts';

/**
 * How many shares a leg has already put on the market, and how many a round may still place.
 *
 * A record counts what it has placed and not taken back:
 * - sending, unknown: its quantity (it may be at the broker; until reconciled it must be assumed placed),
 * - open, partial, filled: its quantity (also while a cancel of it is in flight or acknowledged but not confirmed:
 *   until the broker's lists confirm it, see cancelSettlement.ts, shares can still fill),
 * - cancelled: only what filled before the cancel (closed only once the lists confirmed that figure),
 * - queued, rejected, skipped: nothing.
 * Counting unknown outcomes as placed is the safe side: a leg can end short (and be made good once the record is
 * reconciled), never over its total.
 */
export function placedQtyOf(record: Pick<LedgerRecord, 'state' | 'qty' | 'filledQty'>): number {
  const counts: Record<LedgerState, 'qty' | 'filled' | 'none'> = {
    queued: 'none',
    sending: 'qty',
    unknown: 'qty',
    open: 'qty',
    partial: 'qty',
    filled: 'qty',
    cancelled: 'filled',
    rejected: 'none',
    skipped: 'none',
  };
  const rule = counts[record.state];
  if (rule === 'qty') return record.qty;
  if (rule === 'filled') return record.filledQty;
  return 0;
}

/** Sum of placedQtyOf over the records of one leg. */
export function legPlacedQty(records: ReadonlyArray<Pick<LedgerRecord, 'state' | 'qty' | 'filledQty'>>): number {
  let sum = 0;
  for (const r of records) sum += placedQtyOf(r);
  return sum;
}

/**
 * Shares the leg may still place: the leg total minus what is placed, never less than zero. The last round sends
 * exactly this (so a failed or short round is made good); earlier rounds send at most this.
 */
export function remainingLegQty(legTotal: number, placed: number): number {
  if (!Number.isSafeInteger(legTotal) || legTotal < 0)
    throw new RangeError(`leg total must be whole shares >= 0: ${legTotal}`);
  if (!Number.isSafeInteger(placed) || placed < 0) throw new RangeError(`placed must be whole shares >= 0: ${placed}`);
  return Math.max(0, legTotal - placed);
}

/**
 * The quantity a round sends now: the last round sends what remains of the leg; any other round its planned
 * quantity, cut to what remains so that no order ever takes the leg past its total (a delayed round can run after
 * the last one).
 */
export function roundSendQty(args: {
  readonly legTotal: number;
  readonly placedByOthers: number;
  readonly plannedQty: number;
  readonly isLastRound: boolean;
}): number {
  const remaining = remainingLegQty(args.legTotal, args.placedByOthers);
  if (args.isLastRound) return remaining;
  if (!Number.isSafeInteger(args.plannedQty) || args.plannedQty < 0) {
    throw new RangeError(`planned quantity must be whole shares >= 0: ${args.plannedQty}`);
  }
  return Math.min(args.plannedQty, remaining);
}
