import type { PhaseSummary } from './EngineEvent.ts';
import type { LedgerRecord } from './LedgerRecord.ts';
import type { PlanLeg, Side } from './types.ts';

/** The parts of a leg a summary reads (a PlanLeg or the ledger's stored leg fits). */
export type PhaseLeg = Pick<PlanLeg, 'code' | 'name' | 'qty' | 'price'>;

/**
 * Totals of one phase from its ledger records (product.md flow step 7): legs and legs done (filled in full), shares
 * and value traded, commission and tax as the broker reported them, and per code the average fill price against the
 * plan-time price. `legs` are the phase's legs as executed (for buys: after the resize); legs of 0 shares are left
 * out. The average price is rounded to the won.
 */
export function phaseSummary(side: Side, legs: readonly PhaseLeg[], records: readonly LedgerRecord[]): PhaseSummary {
  const mine = records.filter((r) => r.side === side);
  const active = legs.filter((leg) => leg.qty > 0);
  const byCode = active.map((leg) => {
    const ofCode = mine.filter((r) => r.code === leg.code);
    const filledQty = sum(ofCode, (r) => r.filledQty);
    const filledValue = sum(ofCode, (r) => r.filledValue);
    return {
      code: leg.code,
      name: leg.name,
      plannedQty: leg.qty,
      filledQty,
      avgPrice: filledQty > 0 ? Math.round(filledValue / filledQty) : 0,
      planPrice: leg.price,
    };
  });
  return {
    side,
    legs: active.length,
    legsDone: byCode.filter((c) => c.filledQty >= c.plannedQty).length,
    shares: sum(mine, (r) => r.filledQty),
    value: sum(mine, (r) => r.filledValue),
    commission: sum(mine, (r) => r.commission),
    tax: sum(mine, (r) => r.tax),
    byCode,
  };
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}
