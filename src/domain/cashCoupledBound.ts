import type { QuantityProblem } from './QuantityProblem.ts';

/** Each member's range of post-trade shares and the bracket of the post-trade total (see searchQuantities). */
export interface QuantityRanges {
  /** Fewest shares member i can end with (its sellable shares sold, when it may sell). */
  readonly lo: readonly number[];
  /** Most shares member i can end with (all the cash there could ever be spent on it, when it may buy). */
  readonly hi: readonly number[];
  /** The post-trade total of every plan in these ranges lies in [tLo, tHi]: the plan-time total less its fees. */
  readonly tLo: number;
  readonly tHi: number;
}

/** One choice of a member, seen by the relaxation: cost F (objective part) and cash G (legCash upper bound). */
interface Point {
  readonly f: number;
  readonly g: number;
}

/** A step along a member's frontier: more cash (dg > 0) for more objective (df >= 0). */
interface Step {
  readonly df: number;
  readonly dg: number;
  readonly slope: number;
}

/**
 * Weights of the cash bucket's two linear pieces tried (see cashCoupledBound): none, the cash-overweight piece,
 * the cash-underweight piece, and halfway. Any weights in the simplex give a valid bound; the best is kept.
 */
const CASH_PIECES: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [0.5, 0],
  [0, 0.5],
  [0.5, 0.5],
];

/**
 * Lower bound on the post-trade tracking error of every whole-share plan the planner may choose (legAllowed on
 * every leg; cash after the legs, fees per round order, at or above the reserve when anything is bought), from a
 * relaxation that couples the members through the cash: the LP relaxation of the choice of one whole-share value
 * per member under one cash constraint, solved exactly by a greedy over slopes, and reported through its
 * Lagrangian dual (which is a lower bound whatever the multiplier, so float noise in the greedy cannot make it
 * invalid). Returns +Infinity only when no plan at all fits (never: keeping every share always does).
 *
 * Proof. Take any plan: whole shares q_i, each allowed, stock value V = sum p_i q_i, cash C after its legs,
 * post-trade total T' = V + C = T - fees, so T' in [tLo, tHi] (ranges.tLo/tHi bracket every plan's fees).
 *   1. Member i's weight is 100 p_i q_i / T'. Over T' in [tLo, tHi] it lies in [100 p_i q_i / tHi,
 *      100 p_i q_i / tLo], so |weight - w_i| >= f_i(q_i) := max(0, 100 p_i q_i / tHi - w_i, w_i - 100 p_i q_i / tLo).
 *   2. Cash's weight is 100 C / T' = 100 - 100 V / T', so with W = 100 - cash target,
 *      |cash weight - c| = |W - 100 V / T'| >= max(0, W - 100 V / tLo, 100 V / tHi - W)
 *                                           >= a (W - 100 V / tLo) + b (100 V / tHi - W)   for a, b >= 0, a + b <= 1
 *      (a convex combination of the three pieces of a max is at most the max). This is linear in the q_i: the
 *      constant (a - b) W plus sum_i beta p_i q_i with beta = -100 a / tLo + 100 b / tHi.
 *   3. So TE = (1/2) sum of |weight - target| over members and cash >= (1/2) [(a - b) W + sum_i F_i(q_i)] with
 *      F_i(q) = f_i(q) + beta p_i q.
 *   4. Cash. A sale of x shares brings in x p - costs and costs >= x p (commission + tax rate) (each round order's
 *      costs are rounded up, never down); a purchase of y shares takes out y p + costs >= y p (1 + commission
 *      rate). So member i's leg brings in at most G_i(q_i), G_i(q) = (h - q) p (1 - s) below h, -(q - h) p (1 + c)
 *      above. A plan that buys anything has C >= reserve, so sum_i G_i(q_i) >= reserve - deposit =: gamma.
 *   5. Split the plans: (A) those buying nothing (q_i <= h_i, no cash rule) and (B) those buying something (cash
 *      rule 4). For any mu >= 0 a plan of (B) has
 *        sum F_i(q_i) >= sum F_i(q_i) - mu (sum G_i(q_i) - gamma) >= mu gamma + sum_i min over allowed q of
 *        (F_i(q) - mu G_i(q))                                                                  (weak duality)
 *      and a plan of (A) has sum F_i(q_i) >= sum_i min over allowed q <= h_i of F_i(q). Each bound holds for
 *      every (a, b) of step 2, so each class's bound is the best over the pieces tried, and every plan is at
 *      least the smaller of the two classes' bounds.
 *   6. The minimum over allowed whole shares of F_i - mu G_i is attained at a candidate point: F_i - mu G_i is
 *      piecewise linear in q with kinks only at w_i tLo / (100 p_i), w_i tHi / (100 p_i) and h_i, and the allowed
 *      values are the integers of at most three intervals ([lo, h - m], {h}, [h + m, hi], m the minimum trade in
 *      shares); a linear piece over the integers of an interval is least at one of its ends, so the interval
 *      ends and the integers either side of each kink inside the interval cover every minimum.
 * mu is taken where the greedy over slopes puts it (the LP optimum of the relaxation's convex hull; its dual
 * value then equals the LP value), but step 5 does not depend on it being right.
 */
export function cashCoupledBound(problem: QuantityProblem, ranges: QuantityRanges): number {
  const { members, fees } = problem;
  const { tLo, tHi } = ranges;
  if (!(tLo > 0) || !(tHi > 0) || members.length === 0) return 0;
  const ppm = 1_000_000;
  const sellKeep = 1 - (fees.commissionPpm + fees.sellTaxPpm) / ppm;
  const buyPay = 1 + fees.commissionPpm / ppm;
  const W = 100 - problem.cashTargetPct;
  const gamma = problem.reserve - problem.deposit;

  // Candidate share counts per member, all classes (class A keeps those <= held).
  const candidates = members.map((m, i) => {
    const h = m.heldQty;
    const lo = ranges.lo[i] as number;
    const hi = ranges.hi[i] as number;
    const frozen = problem.frozen[i] === true;
    const minShares = problem.minTradeValue > 0 ? Math.max(1, Math.ceil(problem.minTradeValue / m.price)) : 1;
    const kinks = [(m.targetPct * tLo) / (100 * m.price), (m.targetPct * tHi) / (100 * m.price)];
    const out = new Set<number>([h]);
    const add = (s: number, e: number): void => {
      if (frozen || s > e) return;
      out.add(s);
      out.add(e);
      for (const k of kinks) {
        for (const q of [Math.floor(k), Math.ceil(k)]) if (q >= s && q <= e) out.add(q);
      }
    };
    add(lo, h - minShares);
    add(h + minShares, hi);
    return [...out];
  });

  const pointsOf = (i: number, beta: number, buys: boolean): Point[] => {
    const m = members[i] as (typeof members)[number];
    const p = m.price;
    const h = m.heldQty;
    const w = m.targetPct;
    const pts: Point[] = [];
    for (const q of candidates[i] as number[]) {
      if (!buys && q > h) continue;
      const f = Math.max(0, (100 * p * q) / tHi - w, w - (100 * p * q) / tLo) + beta * p * q;
      const g = q <= h ? (h - q) * p * sellKeep : -(q - h) * p * buyPay;
      pts.push({ f, g });
    }
    return pts;
  };

  let boundA = Number.NEGATIVE_INFINITY;
  let boundB = Number.NEGATIVE_INFINITY;
  for (const [a, b] of CASH_PIECES) {
    const beta = (-100 * a) / tLo + (100 * b) / tHi;
    const constant = (a - b) * W;
    // (A): nothing bought, no cash rule.
    let sumA = 0;
    for (let i = 0; i < members.length; i++) {
      let best = Number.POSITIVE_INFINITY;
      for (const pt of pointsOf(i, beta, false)) best = Math.min(best, pt.f);
      sumA += best;
    }
    boundA = Math.max(boundA, (constant + sumA) / 2);
    // (B): something bought, sum G >= gamma.
    const perMember = members.map((_m, i) => pointsOf(i, beta, true));
    const mu = greedyMultiplier(perMember, gamma);
    if (mu === undefined) continue; // no plan of class B fits: its bound is +Infinity for these pieces
    let dual = mu * gamma;
    for (const pts of perMember) {
      let best = Number.POSITIVE_INFINITY;
      for (const pt of pts) best = Math.min(best, pt.f - mu * pt.g);
      dual += best;
    }
    boundB = Math.max(boundB, (constant + dual) / 2);
  }
  // A class with no bound tried (every piece infeasible for B) has no plan: +Infinity.
  if (boundB === Number.NEGATIVE_INFINITY) boundB = Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(boundA, boundB));
}

/**
 * The multiplier of the cash constraint sum G >= gamma at the optimum of the LP over the convex hulls of the
 * members' points: each member starts at its least F (most cash on a tie); if that is short of gamma, steps along
 * the members' lower frontiers (more cash for more F, slopes increasing along each frontier) are taken cheapest
 * first until the cash is there, and the last step's slope is the multiplier. Undefined when even every member's
 * most cash cannot reach gamma (by more than a won: float noise must not declare a class empty).
 */
function greedyMultiplier(perMember: readonly (readonly Point[])[], gamma: number): number | undefined {
  let cash = 0;
  let most = 0;
  const steps: Step[] = [];
  for (const pts of perMember) {
    let start = pts[0] as Point;
    let maxG = start.g;
    for (const pt of pts) {
      if (pt.f < start.f || (pt.f === start.f && pt.g > start.g)) start = pt;
      maxG = Math.max(maxG, pt.g);
    }
    cash += start.g;
    most += maxG;
    // Lower convex frontier right of the start (more cash), F nondecreasing: a monotone chain.
    const right = pts.filter((pt) => pt.g > start.g).sort((x, y) => x.g - y.g || x.f - y.f);
    const hull: Point[] = [start];
    for (const pt of right) {
      // Of points with the same cash, the first (least F) is the only one on the frontier.
      if (pt.g === (hull[hull.length - 1] as Point).g) continue;
      while (hull.length >= 2) {
        const o = hull[hull.length - 2] as Point;
        const e = hull[hull.length - 1] as Point;
        // Drop e when it is on or above the segment o -> pt.
        if ((e.f - o.f) * (pt.g - o.g) >= (pt.f - o.f) * (e.g - o.g)) hull.pop();
        else break;
      }
      const last = hull[hull.length - 1] as Point;
      if (hull.length === 1 || pt.f >= last.f) hull.push(pt);
    }
    for (let k = 1; k < hull.length; k++) {
      const o = hull[k - 1] as Point;
      const e = hull[k] as Point;
      const dg = e.g - o.g;
      const df = e.f - o.f;
      steps.push({ df, dg, slope: df / dg });
    }
  }
  if (cash >= gamma) return 0;
  if (most < gamma - 1) return undefined;
  steps.sort((x, y) => x.slope - y.slope);
  let mu = 0;
  for (const s of steps) {
    mu = Math.max(mu, s.slope);
    cash += s.dg;
    if (cash >= gamma) break;
  }
  return mu;
}
