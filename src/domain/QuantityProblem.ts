import type { PlanInput } from './PlanInput.ts';
import type { PlanMember, PlanUniverse } from './resolvePlanUniverse.ts';
import type { FeeRates } from './types.ts';

/**
 * The integer problem the planner solves: choose each member's post-trade share count. Arrays are parallel to
 * `members`. Values are in won at plan-time prices.
 */
export interface QuantityProblem {
  readonly members: readonly PlanMember[];
  readonly deposit: number;
  readonly totalValue: number;
  /** Each member's target value in won (not rounded: it is a goal, not an amount of money that moves). */
  readonly targetValues: readonly number[];
  readonly cashTargetPct: number;
  /** Where cash should end, in won. */
  readonly cashTargetValue: number;
  /** Cash the buys must leave untouched, in won (the cash target, rounded up). */
  readonly reserve: number;
  readonly sellEnabled: boolean;
  readonly buyEnabled: boolean;
  readonly sellSplit: number;
  readonly buySplit: number;
  readonly fees: FeeRates;
}

/** Builds the quantity problem of a resolved universe. */
export function makeQuantityProblem(universe: PlanUniverse, input: PlanInput, fees: FeeRates): QuantityProblem {
  const total = universe.totalValue;
  const { settings } = input;
  return {
    members: universe.members,
    deposit: input.account.deposit,
    totalValue: total,
    targetValues: universe.members.map((m) => (total * m.targetPct) / 100),
    cashTargetPct: universe.cashTargetPct,
    cashTargetValue: (total * universe.cashTargetPct) / 100,
    // Rounded up so the buys never eat into the cash target by a fraction of a won.
    reserve: Math.ceil((total * universe.cashPct) / 100),
    sellEnabled: settings.sellEnabled,
    buyEnabled: settings.buyEnabled,
    sellSplit: settings.sellSplit,
    buySplit: settings.buySplit,
    fees,
  };
}
