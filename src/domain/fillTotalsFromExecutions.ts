import type { Execution } from './Execution.ts';
import type { LedgerRecord } from './LedgerRecord.ts';

/** Sum of the broker's fills over a record's order numbers (the original and every amendment). */
export function fillTotalsFromExecutions(
  record: Pick<LedgerRecord, 'orderNos'>,
  executions: readonly Execution[],
): { filledQty: number; filledValue: number; commission: number; tax: number } {
  const mine = new Set(record.orderNos);
  // One entry per order number: a list can repeat an order (paging); keep its largest fill.
  const best = new Map<string, Execution>();
  for (const e of executions) {
    if (!mine.has(e.orderNo)) continue;
    const prev = best.get(e.orderNo);
    if (prev === undefined || e.filledQty > prev.filledQty) best.set(e.orderNo, e);
  }
  let filledQty = 0;
  let filledValue = 0;
  let commission = 0;
  let tax = 0;
  for (const e of best.values()) {
    filledQty += e.filledQty;
    filledValue += e.fillPrice * e.filledQty;
    commission += e.commission;
    tax += e.tax;
  }
  return { filledQty, filledValue, commission, tax };
}
