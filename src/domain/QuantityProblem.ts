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
  /** Members inside the drift band (current weight within target ± band): they keep their shares. */
  readonly frozen: readonly boolean[];
  /** No leg may be worth less than this, in won at plan-time prices (0: no minimum). */
  readonly minTradeValue: number;
}

/** Settings with the drift band and the minimum trade value switched off: what the plan would be without them. */
export function withoutBand(problem: QuantityProblem): QuantityProblem {
  return { ...problem, frozen: problem.members.map(() => false), minTradeValue: 0 };
}

/**
 * True when member i's current weight is inside its target ± `bandPp` (a band of 0 freezes nobody, so the
 * default changes nothing).
 */
function insideBand(heldValue: number, targetPct: number, total: number, bandPp: number): boolean {
  return bandPp > 0 && total > 0 && Math.abs((100 * heldValue) / total - targetPct) <= bandPp;
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
    frozen: universe.members.map((m) => insideBand(m.heldQty * m.price, m.targetPct, total, settings.driftBandPp ?? 0)),
    minTradeValue: settings.minTradeValue ?? 0,
  };
}

/**
 * True when member i may end at `q` shares as far as its own leg goes: a whole number >= 0; a sale only with
 * sells enabled and within the sellable shares, a purchase only with buys enabled; no leg for a member inside the
 * drift band; no leg worth less than the minimum trade value. Cash is the caller's concern.
 */
export function legAllowed(problem: QuantityProblem, i: number, q: number): boolean {
  const m = problem.members[i];
  if (m === undefined || !Number.isSafeInteger(q) || q < 0) return false;
  const held = m.heldQty;
  if (q === held) return true;
  if (problem.frozen[i] === true) return false;
  if (Math.abs(q - held) * m.price < problem.minTradeValue) return false;
  if (q < held) return problem.sellEnabled && held - q <= m.sellableQty;
  return problem.buyEnabled;
}
