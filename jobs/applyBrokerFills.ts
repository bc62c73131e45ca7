import type { CancelCause } from '../src/domain/CancelCause.ts';
import type { Execution } from '../src/domain/Execution.ts';
import { fillTotalsFromExecutions } from '../src/domain/fillTotalsFromExecutions.ts';
import type { LedgerRecord, LedgerState } from '../src/domain/LedgerRecord.ts';
import { recordId } from '../src/store/keys.ts';
import type { OrderContext } from './OrderContext.ts';

/**
 * Writes a record's fill totals from the broker's executions and pushes a `fill` event when more shares filled.
 * `final` closes the record at the same time (e.g. `cancelled` after a cancel; `filled` wins when all filled).
 * Returns the record after the change, or undefined when nothing changed.
 */
export async function applyBrokerFills(
  ctx: OrderContext,
  record: LedgerRecord,
  executions: readonly Execution[],
  final?: { readonly state: 'cancelled'; readonly cause: CancelCause; readonly clearPending?: boolean },
): Promise<LedgerRecord | undefined> {
  const totals = fillTotalsFromExecutions(record, executions);
  const filledQty = Math.min(totals.filledQty, record.qty);
  const state: LedgerState | undefined =
    final === undefined ? undefined : filledQty >= record.qty ? 'filled' : final.state;
  const res = await ctx.ledger.applyFills(record.id ?? recordId(record), {
    ...totals,
    filledQty,
    ...(state !== undefined ? { state } : {}),
    ...(final !== undefined ? { cancelCause: final.cause } : {}),
    ...(final?.clearPending ? { clearPending: true } : {}),
  });
  if (res === undefined) return undefined;
  const delta = res.after.filledQty - res.before.filledQty;
  if (delta > 0) {
    const value = res.after.filledValue - res.before.filledValue;
    await ctx.emit({
      type: 'fill',
      planId: record.planId,
      side: record.side,
      code: record.code,
      name: record.name,
      round: record.round,
      orderNo: res.after.orderNo ?? '',
      qty: delta,
      price: Math.round(value / delta),
      totalFilled: res.after.filledQty,
      orderQty: res.after.qty,
    });
  }
  return res.after;
}
