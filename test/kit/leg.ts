import type { PlanLeg } from '../../src/domain/types.ts';

/** A leg with whole-share rounds. */
export function leg(code: string, name: string, price: number, rounds: number[]): PlanLeg {
  const qty = rounds.reduce((a, b) => a + b, 0);
  return { code, name, price, qty, rounds, heldQty: qty, targetValue: 0, targetPct: 0 };
}
