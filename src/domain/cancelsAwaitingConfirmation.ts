import type { LedgerRecord } from './LedgerRecord.ts';

/**
 * When a leg's last round may be sized: not while another record of the leg has a cancel in flight or acknowledged
 * but not confirmed (`pending.kind === 'cancel'`). Such a record still counts at its full quantity (placedQtyOf), so
 * a last round sized now would send too little; and its fills are not final yet, so sizing it from what filled so far
 * could send too much. Returns the epoch ms to look again (when the first of those cancels can be confirmed by the
 * settle time alone; the lists may confirm it earlier), or undefined when nothing is waited for.
 */
export function cancelsAwaitingConfirmation(
  others: ReadonlyArray<Pick<LedgerRecord, 'pending'>>,
  now: number,
  settleMs: number,
): number | undefined {
  let first: number | undefined;
  for (const r of others) {
    const p = r.pending;
    if (p?.kind !== 'cancel') continue;
    const since = p.ackAt ?? Math.max(p.at, p.unknownAt ?? 0);
    const at = since + settleMs;
    first = first === undefined ? at : Math.min(first, at);
  }
  // A little later than now at least, so the caller does not spin.
  return first === undefined ? undefined : Math.max(first, now + Math.min(Math.max(settleMs, 1), 1_000));
}
