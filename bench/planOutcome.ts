import type { PlanInput } from '../src/domain/PlanInput.ts';
import { resolvePlanUniverse } from '../src/domain/resolvePlanUniverse.ts';
import { trackingError } from '../src/domain/trackingError.ts';
import type { Plan } from '../src/domain/types.ts';

/** How close a plan lands to its targets, measured the same way for every planner. */
export interface PlanOutcome {
  /** Post-trade tracking error in percentage points, cash counted as a bucket (see trackingError). */
  readonly trackingError: number;
  /** Cash above its target after the trades, in percent of the post-trade total (0 when at or below target). */
  readonly idleCashPct: number;
}

/** Measures post-trade quantities (by member, as resolvePlanUniverse lists them) and the cash they leave. */
export function outcomeOf(input: PlanInput, qty: readonly number[], cash: number): PlanOutcome {
  const universe = resolvePlanUniverse(input);
  const buckets = universe.members.map((m, i) => ({ value: (qty[i] ?? m.heldQty) * m.price, targetPct: m.targetPct }));
  const total = buckets.reduce((s, b) => s + b.value, cash);
  const idle = total > 0 ? (100 * cash) / total - universe.cashTargetPct : 0;
  return {
    trackingError: trackingError(buckets, { value: cash, targetPct: universe.cashTargetPct }),
    idleCashPct: Math.max(0, idle),
  };
}

/** Post-trade quantities of a plan, by member. */
export function planQuantities(input: PlanInput, plan: Plan): number[] {
  const delta = new Map<string, number>();
  for (const leg of plan.sells) delta.set(leg.code, -leg.qty);
  for (const leg of plan.buys) delta.set(leg.code, leg.qty);
  return resolvePlanUniverse(input).members.map((m) => m.heldQty + (delta.get(m.code) ?? 0));
}
