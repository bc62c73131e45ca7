import { cashCoupledBound } from './cashCoupledBound.ts';
import { evaluateQuantities, type QuantityOutcome } from './evaluateQuantities.ts';
import { legCosts } from './legCosts.ts';
import { legAllowed, type QuantityProblem } from './QuantityProblem.ts';

/**
 * Default work budget of the search: nodes visited plus members evaluated at the leaves. Enough to finish on the
 * small accounts of expensive shares where whole shares matter most, and to stay within a few tens of ms on
 * 500 members (bench/planner.bench.ts measures it).
 */
export const SEARCH_BUDGET = 40_000;

/** Tracking errors closer than this (in percentage points) are equal: float noise, not a difference. */
export const TE_EPSILON = 1e-9;

/** What the search found. */
export interface QuantitySearchResult {
  /** Post-trade shares by member: the best plan found (an incumbent when the search found nothing better). */
  readonly qty: readonly number[];
  readonly outcome: QuantityOutcome;
  /** True when the search finished within its budget: `qty` is then optimal, not just the best found. */
  readonly optimal: boolean;
  /** No feasible plan has a lower tracking error than this, in percentage points. */
  readonly lowerBound: number;
  /** The root's bound from each member's own nearest whole share (no cash coupling), in percentage points. */
  readonly ownBound: number;
  /**
   * The root's cash-coupled LP bound (cashCoupledBound), in percentage points; computed only when the search
   * stopped early (a finished search has its exact answer and needs no bound).
   */
  readonly lpBound?: number;
  /** True when the search found a plan better than every incumbent. */
  readonly improved: boolean;
  /** Work done (nodes + members evaluated at leaves). */
  readonly work: number;
}

/** A plan's rank: tracking error, then costs (commission + tax), then shares traded; lower is better. */
export interface PlanRank {
  readonly trackingError: number;
  readonly costs: number;
  readonly sharesTraded: number;
}

/** True when `a` is better than `b`: closer to the targets, or as close and cheaper (fewer shares on a tie). */
export function betterRank(a: PlanRank, b: PlanRank): boolean {
  const diff = a.trackingError - b.trackingError;
  if (Math.abs(diff) > TE_EPSILON) return diff < 0;
  if (a.costs !== b.costs) return a.costs < b.costs;
  return a.sharesTraded < b.sharesTraded;
}

/** Shares a choice of post-trade quantities trades, both sides together. */
export function sharesTraded(problem: QuantityProblem, qty: readonly number[]): number {
  let shares = 0;
  problem.members.forEach((m, i) => {
    shares += Math.abs((qty[i] ?? m.heldQty) - m.heldQty);
  });
  return shares;
}

/**
 * True when post-trade quantities `qty` are a plan the settings allow: every leg allowed (legAllowed: sides,
 * sellable shares, drift band, minimum trade value) and, when anything is bought, cash after every leg (fees per
 * round order) at or above the reserve.
 */
export function feasibleQuantities(problem: QuantityProblem, qty: readonly number[]): boolean {
  let buys = false;
  for (let i = 0; i < problem.members.length; i++) {
    const q = qty[i] as number;
    if (!legAllowed(problem, i, q)) return false;
    if (q > (problem.members[i]?.heldQty ?? 0)) buys = true;
  }
  return !buys || evaluateQuantities(problem, qty).cash >= problem.reserve;
}

/**
 * Exact whole-share search: branch and bound over each member's post-trade share count, minimising the exact
 * post-trade tracking error (half the sum of |weight - target| over members and cash, at the post-trade total,
 * fees per round order included), then costs, then shares traded; subject to legAllowed and, when anything is
 * bought, cash after every leg at or above the reserve.
 *
 * Bound. Weights are value / T' where T' (the post-trade total) is the plan-time total T less the fees, so T' lies
 * in [T - Fmax, T] for a bound Fmax on any plan's fees. Every point one bucket is over is a point another is
 * under, so the tracking error equals both the sum of the overweights P and the sum of the underweights N. A member
 * at q shares is at least max(0, 100qp/T - w) over and max(0, w - 100qp/(T - Fmax)) under, and every member still
 * free contributes at least its smallest such deviation m_i (its own nearest allowed whole share). So a node with
 * assigned overweights P_A, underweights N_A and free members U cannot end below
 *   max(P_A, N_A, (P_A + N_A + sum of m_i over U) / 2).
 * Members go expensive first (their whole shares matter most); each member's values are tried from its target
 * outwards, stopping on each side at the first value whose bound cannot beat the best plan. A node that has bought
 * something and cannot get back to the reserve even by selling every remaining member's sellable shares is cut.
 *
 * The incumbents (the heuristic candidates, and keeping everything as held, which is always feasible) start the
 * search, so its answer is never worse than theirs. When the work budget runs out the best plan found is returned
 * with `optimal: false` and the root bound as `lowerBound`: the larger of the sum of every member's m_i, halved,
 * and the cash-coupled LP bound (cashCoupledBound: members competing for the cash, sides disabled, unsellable
 * shares and the cash bucket's own deviation, which the m_i leave out).
 */
export function searchQuantities(
  problem: QuantityProblem,
  incumbents: readonly (readonly number[])[],
  budget: number = SEARCH_BUDGET,
): QuantitySearchResult {
  const { members, deposit, reserve, fees } = problem;
  const n = members.length;
  const T = problem.totalValue;
  const held = members.map((m) => m.heldQty);
  const price = members.map((m) => m.price);
  const target = members.map((m) => m.targetPct);
  const cashTargetPct = problem.cashTargetPct;

  let best: { qty: number[]; rank: PlanRank } | undefined;
  for (const qty of incumbents) {
    if (qty.length !== n || !feasibleQuantities(problem, qty)) continue;
    const outcome = evaluateQuantities(problem, qty);
    const rank = {
      trackingError: outcome.trackingError,
      costs: outcome.costs,
      sharesTraded: sharesTraded(problem, qty),
    };
    if (best === undefined || betterRank(rank, best.rank)) best = { qty: [...qty], rank };
  }
  if (best === undefined) {
    const qty = [...held];
    const outcome = evaluateQuantities(problem, qty);
    best = { qty, rank: { trackingError: outcome.trackingError, costs: 0, sharesTraded: 0 } };
  }
  const incumbentRank = best.rank;

  /** Cash the leg taking member i to q brings in (> 0) or takes out (< 0), fees per round order. */
  const legCash = (i: number, q: number): number => {
    const h = held[i] as number;
    const p = price[i] as number;
    if (q < h) return (h - q) * p - legCosts('sell', p, h - q, problem.sellSplit, fees);
    if (q > h) return -((q - h) * p + legCosts('buy', p, q - h, problem.buySplit, fees));
    return 0;
  };

  // Each member's range: down to its sellable shares, up to what all the cash there could ever be would buy.
  const lo: number[] = [];
  const maxProceeds: number[] = [];
  let maxCash = deposit;
  let maxSellValue = 0;
  for (let i = 0; i < n; i++) {
    const m = members[i];
    if (m === undefined) continue;
    const canSell = problem.sellEnabled && problem.frozen[i] !== true;
    const low = canSell ? m.heldQty - m.sellableQty : m.heldQty;
    lo.push(low);
    const proceeds = low < m.heldQty && legAllowed(problem, i, low) ? Math.max(0, legCash(i, low)) : 0;
    maxProceeds.push(proceeds);
    maxCash += proceeds;
    if (canSell) maxSellValue += m.sellableQty * m.price;
  }
  const hi = members.map((m, i) =>
    problem.buyEnabled && problem.frozen[i] !== true
      ? m.heldQty + Math.floor(Math.max(0, maxCash - reserve) / m.price)
      : m.heldQty,
  );
  // Fees of any plan in these ranges: rates on the most that can be sold and bought, plus a won of rounding per
  // order and fee kind.
  const ppm = 1_000_000;
  const maxFees =
    Math.ceil((maxSellValue * (fees.commissionPpm + fees.sellTaxPpm)) / ppm) +
    Math.ceil((maxCash * fees.commissionPpm) / ppm) +
    n * (2 * problem.sellSplit + problem.buySplit) +
    2;
  const tHi = T;
  const tLo = Math.max(T - maxFees, Number.MIN_VALUE);
  const over = (i: number, q: number): number =>
    Math.max(0, (100 * q * (price[i] as number)) / tHi - (target[i] as number));
  const under = (i: number, q: number): number =>
    Math.max(0, (target[i] as number) - (100 * q * (price[i] as number)) / tLo);

  /** The nearest allowed quantity of member i from q in direction dir (-1 down, +1 up), q included; -1 if none. */
  const nearestAllowed = (i: number, from: number, dir: -1 | 1): number => {
    const h = held[i] as number;
    let q = dir < 0 ? Math.min(from, hi[i] as number) : Math.max(from, lo[i] as number);
    if (q < (lo[i] as number) || q > (hi[i] as number)) return -1;
    if (legAllowed(problem, i, q)) return q;
    // The only gap inside the range is the minimum trade value's, around the held shares.
    const minShares = Math.ceil(problem.minTradeValue / (price[i] as number));
    if (dir < 0) q = q > h ? h : h - minShares;
    else q = q < h ? h : h + minShares;
    return q >= (lo[i] as number) && q <= (hi[i] as number) && legAllowed(problem, i, q) ? q : -1;
  };

  // Where each member's target lies in shares: at or below `split` a member is never over, above it never under.
  const split = members.map((m) => Math.floor((m.targetPct * tHi) / (100 * m.price)));
  const ownMin = members.map((_m, i) => {
    const down = nearestAllowed(i, split[i] as number, -1);
    const up = nearestAllowed(i, (split[i] as number) + 1, 1);
    return Math.min(
      down >= 0 ? under(i, down) : Number.POSITIVE_INFINITY,
      up >= 0 ? over(i, up) : Number.POSITIVE_INFINITY,
    );
  });

  const order = members.map((_, i) => i).sort((a, b) => (price[b] as number) - (price[a] as number) || a - b);
  const restMin: number[] = new Array(n + 1).fill(0);
  const restProceeds: number[] = new Array(n + 1).fill(0);
  for (let d = n - 1; d >= 0; d--) {
    const i = order[d] as number;
    restMin[d] = (restMin[d + 1] as number) + (ownMin[i] as number);
    restProceeds[d] = (restProceeds[d + 1] as number) + (maxProceeds[i] as number);
  }
  const ownBound = Math.max(0, (restMin[0] as number) / 2);

  const qty = [...held];
  let work = 0;
  let aborted = false;
  let improved = false;

  const leaf = (cash: number, costs: number, shares: number, stockValue: number): void => {
    const total = stockValue + cash;
    let sum = total > 0 ? Math.abs((100 * cash) / total - cashTargetPct) : 0;
    if (total > 0) {
      for (let i = 0; i < n; i++)
        sum += Math.abs((100 * (qty[i] as number) * (price[i] as number)) / total - (target[i] as number));
    }
    const rank = { trackingError: sum / 2, costs, sharesTraded: shares };
    if (betterRank(rank, (best as { rank: PlanRank }).rank)) {
      best = { qty: [...qty], rank };
      improved = betterRank(rank, incumbentRank);
    }
  };

  const dive = (
    d: number,
    P: number,
    N: number,
    cash: number,
    buys: number,
    costs: number,
    shares: number,
    stockValue: number,
  ): void => {
    if (d === n) {
      work += n;
      if (buys === 0 || cash >= reserve) leaf(cash, costs, shares, stockValue);
      return;
    }
    const i = order[d] as number;
    const h = held[i] as number;
    const p = price[i] as number;
    const rest = restMin[d + 1] as number;
    let down = nearestAllowed(i, split[i] as number, -1);
    let up = nearestAllowed(i, (split[i] as number) + 1, 1);
    while (down >= 0 || up >= 0) {
      // Every value tried counts, cut or not: a long run of values the cash rules out must not run unbounded.
      if (aborted || ++work > budget) {
        aborted = true;
        break;
      }
      const underD = down >= 0 ? under(i, down) : Number.POSITIVE_INFINITY;
      const overU = up >= 0 ? over(i, up) : Number.POSITIVE_INFINITY;
      const takeDown = underD < overU || (underD === overU && Math.abs(down - h) <= Math.abs(up - h));
      const q = takeDown ? down : up;
      const P2 = takeDown ? P : P + overU;
      const N2 = takeDown ? N + underD : N;
      const bound = Math.max(P2, N2, (P2 + N2 + rest) / 2);
      if (bound > (best as { rank: PlanRank }).rank.trackingError + TE_EPSILON) {
        // Values further out on this side only deviate more.
        if (takeDown) down = -1;
        else up = -1;
        continue;
      }
      if (takeDown) down = nearestAllowed(i, q - 1, -1);
      else up = nearestAllowed(i, q + 1, 1);
      const lc = legCash(i, q);
      const buys2 = buys + (q > h ? 1 : 0);
      if (buys2 > 0 && cash + lc + (restProceeds[d + 1] as number) < reserve) {
        // Buying more only takes more cash; selling more may still get back to the reserve.
        if (!takeDown) up = -1;
        continue;
      }
      qty[i] = q;
      dive(d + 1, P2, N2, cash + lc, buys2, costs + (h - q) * p - lc, shares + Math.abs(q - h), stockValue + q * p);
    }
    qty[i] = h;
  };
  if (T > 0) dive(0, 0, 0, deposit, 0, 0, 0, 0);

  const found = (best as { qty: number[] }).qty;
  const outcome = evaluateQuantities(problem, found);
  const lpBound = aborted ? cashCoupledBound(problem, { lo, hi, tLo, tHi }) : undefined;
  const rootBound = Math.max(ownBound, lpBound ?? 0);
  return {
    qty: found,
    outcome,
    optimal: !aborted,
    lowerBound: aborted ? Math.min(rootBound, outcome.trackingError) : outcome.trackingError,
    ownBound,
    ...(lpBound === undefined ? {} : { lpBound }),
    improved,
    work,
  };
}
