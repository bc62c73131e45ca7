import { evaluateQuantities, type QuantityOutcome } from './evaluateQuantities.ts';
import { fillBuys } from './fillBuys.ts';
import { floorQuantities } from './floorQuantities.ts';
import { polishQuantities } from './polishQuantities.ts';
import { legAllowed, type QuantityProblem } from './QuantityProblem.ts';
import { QuantityState } from './QuantityState.ts';
import {
  betterRank,
  feasibleQuantities,
  type PlanRank,
  type QuantitySearchResult,
  searchQuantities,
  sharesTraded,
} from './searchQuantities.ts';

/** How the ideal fractional sell of an overweight member is rounded before the buys are filled. */
type SellRounding = 'down' | 'up' | 'nearest';

/** One candidate solution with its exact outcome. */
export interface QuantityCandidate {
  /**
   * 'sells-down' | 'sells-up' | 'sells-nearest' (greedy fill + local search), 'seed' (floorQuantities) or 'hold'
   * (no trade at all).
   */
  readonly name: string;
  /** Post-trade shares by member. */
  readonly qty: readonly number[];
  readonly outcome: QuantityOutcome;
}

/**
 * Chooses each member's post-trade share count so the post-trade weights come as close to the targets as whole
 * shares allow, within the cash really available (deposit + sale proceeds - buy costs - the cash reserve), the
 * drift band and the minimum trade value: the heuristic candidates (rankQuantityCandidates) start the exact
 * search (searchQuantities), so the answer is never worse than theirs and is optimal whenever the search finishes.
 */
export function optimizeQuantities(problem: QuantityProblem, budget?: number): QuantitySearchResult {
  const candidates = rankQuantityCandidates(problem);
  return searchQuantities(
    problem,
    candidates.map((c) => c.qty),
    budget,
  );
}

/**
 * Builds the heuristic candidates and sorts them best first (betterRank: tracking error, then costs, then shares
 * traded; equal ones keep the order below). Each is cheap: for each way of rounding the sells (down, up, to
 * nearest), fill the buys greedily and polish with local moves; plus the seed design's sizing, so the winner is
 * never worse than the seed's plan; plus no trade at all. A candidate with a leg the drift band or the minimum
 * trade value forbids has those legs undone; one that then breaks the cash reserve is dropped.
 * O(n log n) per candidate plus a bounded number of O(n log n) local-search passes.
 */
export function rankQuantityCandidates(problem: QuantityProblem): QuantityCandidate[] {
  const steering = withPostTradeTargets(problem);
  const raw: { name: string; qty: number[] }[] = (['down', 'up', 'nearest'] as const).map((rounding) => {
    const state = new QuantityState(steering);
    roundSells(state, rounding);
    fillBuys(state);
    polishQuantities(state);
    return { name: `sells-${rounding}`, qty: state.qty };
  });
  raw.push({ name: 'seed', qty: floorQuantities(problem) });
  raw.push({ name: 'hold', qty: problem.members.map((m) => m.heldQty) });
  const candidates: (QuantityCandidate & { rank: PlanRank })[] = [];
  for (const c of raw) {
    const qty = c.qty.map((q, i) => (legAllowed(problem, i, q) ? q : (problem.members[i]?.heldQty ?? q)));
    if (!feasibleQuantities(problem, qty)) continue;
    const outcome = evaluateQuantities(problem, qty);
    candidates.push({
      name: c.name,
      qty,
      outcome,
      rank: { trackingError: outcome.trackingError, costs: outcome.costs, sharesTraded: sharesTraded(problem, qty) },
    });
  }
  // Array.prototype.sort is stable, so equal candidates keep the order above.
  return candidates
    .sort((a, b) => (betterRank(a.rank, b.rank) ? -1 : betterRank(b.rank, a.rank) ? 1 : 0))
    .map(({ rank: _, ...c }) => c);
}

/**
 * The weights apply to the total after the trades, which the fees make smaller than the plan-time total: with
 * 9 members and 0.5 million won of fees every target is 58,000 won lower than at plan time. Aiming at plan-time
 * targets would leave every holding that much over. So the search aims at targets scaled down by the fees of
 * trading every member exactly to its target (an estimate; the candidates are then compared exactly).
 */
function withPostTradeTargets(problem: QuantityProblem): QuantityProblem {
  const { members, targetValues, fees, totalValue } = problem;
  if (totalValue <= 0) return problem;
  let estimatedCosts = 0;
  members.forEach((m, i) => {
    const gap = (targetValues[i] as number) - m.heldQty * m.price;
    if (gap > 0 && problem.buyEnabled) estimatedCosts += (gap * fees.commissionPpm) / 1_000_000;
    if (gap < 0 && problem.sellEnabled) {
      const sellable = Math.min(-gap, m.sellableQty * m.price);
      estimatedCosts += (sellable * (fees.commissionPpm + fees.sellTaxPpm)) / 1_000_000;
    }
  });
  const scale = Math.max(0, totalValue - estimatedCosts) / totalValue;
  return {
    ...problem,
    targetValues: targetValues.map((t) => t * scale),
    cashTargetValue: problem.cashTargetValue * scale,
  };
}

/** Sells each overweight member's ideal fractional excess, rounded as asked and capped at the sellable shares. */
function roundSells(state: QuantityState, rounding: SellRounding): void {
  const { members, targetValues, sellEnabled } = state.problem;
  if (!sellEnabled) return;
  members.forEach((m, i) => {
    const excessShares = (m.heldQty * m.price - (targetValues[i] as number)) / m.price;
    if (excessShares <= 0) return;
    const rounded =
      rounding === 'down'
        ? Math.floor(excessShares)
        : rounding === 'up'
          ? Math.ceil(excessShares)
          : Math.floor(excessShares + 0.5);
    const x = Math.min(rounded, m.sellableQty, m.heldQty);
    if (x > 0) state.set(i, m.heldQty - x);
  });
}
