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

/** Values of t (see cashCoupledBound) tried first, at theta = 1/2. */
const T_GRID: readonly number[] = [0, 1, -1, 0.5, -0.5];
/** Golden-section steps per parameter and per class: the bound is concave in each parameter alone. */
const GOLDEN_STEPS = 8;
const PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Lower bound on the post-trade tracking error of every whole-share plan the planner may choose (legAllowed on
 * every leg; cash after the legs, fees per round order, at or above the reserve when anything is bought), from a
 * relaxation that couples the members through the cash: the LP relaxation of the choice of one whole-share value
 * per member under one cash constraint, solved exactly by a greedy over slopes, and reported through its
 * Lagrangian dual (a lower bound whatever the multiplier, so float noise in the greedy cannot make it invalid).
 * O(n log n) per evaluation, a few dozen evaluations (a search over two weights, below).
 *
 * Proof. Take any plan: whole shares q_i, each allowed, stock value V = sum p_i q_i, cash C after its legs,
 * post-trade total T' = V + C = T - fees, so T' in [tLo, tHi] (ranges.tLo/tHi bracket every plan's fees).
 * Buckets are the members (weight 100 p_i q_i / T', target w_i) and cash (weight 100 C / T' = 100 - 100 V / T',
 * target c); weights sum to 100 and targets to 100 - delta (delta: the resolved weights' float slack, ~1e-9).
 *   1. TE = (1/2) sum |weight - target| = (P + N) / 2, where P is the sum of the overweights and N of the
 *      underweights, and P - N = delta. So for any theta in [0, 1], TE = theta P + (1 - theta) N - (theta - 1/2)
 *      delta >= theta P + (1 - theta) N - |delta| / 2.
 *   2. Member i: its overweight is max(0, 100 p_i q_i / T' - w_i) >= o_i(q_i) := max(0, 100 p_i q_i / tHi - w_i)
 *      and its underweight max(0, w_i - 100 p_i q_i / T') >= u_i(q_i) := max(0, w_i - 100 p_i q_i / tLo), as
 *      tLo <= T' <= tHi.
 *   3. Cash, with W = 100 - c: its overweight is max(0, W - 100 V / T') >= a (W - 100 V / tLo) and its underweight
 *      max(0, 100 V / T' - W) >= b (100 V / tHi - W), for a, b in [0, 1] (max(0, x) >= k x for k in [0, 1]). We
 *      use a = max(t, 0), b = max(-t, 0) for t in [-1, 1] (both positive at once is never better: the two pieces
 *      nearly cancel). Both are linear in the q_i.
 *   4. So TE >= K + sum_i F_i(q_i) - |delta| / 2, with K = theta a W - (1 - theta) b W and
 *      F_i(q) = theta o_i(q) + (1 - theta) u_i(q) + beta p_i q, beta = -100 theta a / tLo + 100 (1 - theta) b / tHi.
 *   5. Cash rule. A sale of x shares brings in x p - costs with costs >= x p (commission + tax rate) (each round
 *      order's costs are rounded up, never down); a purchase of y shares takes out y p + costs >= y p (1 +
 *      commission rate). So member i's leg brings in at most G_i(q_i): (h - q) p (1 - s) below h,
 *      -(q - h) p (1 + c) above. A plan that buys anything has C >= reserve: sum_i G_i(q_i) >= reserve - deposit
 *      =: gamma.
 *   6. Split the plans: (A) those buying nothing (q_i <= h_i, no cash rule) and (B) those buying something (rule
 *      5). For any mu >= 0 a plan of (B) has
 *        sum F_i(q_i) >= sum F_i(q_i) - mu (sum G_i(q_i) - gamma) >= mu gamma + sum_i min over allowed q of
 *        (F_i(q) - mu G_i(q))                                                                  (weak duality)
 *      and a plan of (A) has sum F_i(q_i) >= sum_i min over allowed q <= h_i of F_i(q). Each holds for every
 *      (theta, t), so each class's bound is the best over the (theta, t) tried, and every plan is at least the
 *      smaller of the two classes' bounds.
 *   7. The minimum over allowed whole shares of F_i - mu G_i is attained at a candidate point: F_i - mu G_i is
 *      piecewise linear in q with kinks only at w_i tLo / (100 p_i), w_i tHi / (100 p_i) and h_i, and the allowed
 *      values are the integers of at most three intervals ([lo, h - m], {h}, [h + m, hi], m the minimum trade in
 *      shares); a linear piece over the integers of an interval is least at one of its ends, so the interval
 *      ends and the integers either side of each kink inside the interval cover every minimum.
 * mu is where the greedy over slopes puts it (the LP optimum over the convex hulls of the members' points: its
 * dual value then equals the LP value), and (theta, t) where a coordinate search puts them (for fixed t the LP
 * value is a minimum of functions linear in theta, so concave in theta; likewise in t for fixed theta); step 6
 * depends on neither being right. With theta = 1/2 and t = 0 this is the own-share bound with the cash rule added.
 */
export function cashCoupledBound(problem: QuantityProblem, ranges: QuantityRanges): number {
  const { members, fees } = problem;
  const { tLo, tHi } = ranges;
  const n = members.length;
  if (!(tLo > 0) || !(tHi > 0) || n === 0) return 0;
  const ppm = 1_000_000;
  const sellKeep = 1 - (fees.commissionPpm + fees.sellTaxPpm) / ppm;
  const buyPay = 1 + fees.commissionPpm / ppm;
  const W = 100 - problem.cashTargetPct;
  const gamma = problem.reserve - problem.deposit;
  let targetSum = problem.cashTargetPct;
  for (const m of members) targetSum += m.targetPct;
  const slack = Math.abs(100 - targetSum) / 2;

  // Each member's candidate share counts (step 7) as flat arrays: overweight, underweight, value, cash, and
  // whether it buys.
  const over: number[][] = [];
  const under: number[][] = [];
  const value: number[][] = [];
  const cash: number[][] = [];
  const buying: boolean[][] = [];
  members.forEach((m, i) => {
    const h = m.heldQty;
    const p = m.price;
    const w = m.targetPct;
    const lo = ranges.lo[i] as number;
    const hi = ranges.hi[i] as number;
    const frozen = problem.frozen[i] === true;
    const minShares = problem.minTradeValue > 0 ? Math.max(1, Math.ceil(problem.minTradeValue / p)) : 1;
    const kinks = [(w * tLo) / (100 * p), (w * tHi) / (100 * p)];
    const qs = new Set<number>([h]);
    const add = (s: number, e: number): void => {
      if (frozen || s > e) return;
      qs.add(s);
      qs.add(e);
      for (const k of kinks) {
        for (const q of [Math.floor(k), Math.ceil(k)]) if (q >= s && q <= e) qs.add(q);
      }
    };
    add(lo, h - minShares);
    add(h + minShares, hi);
    const o: number[] = [];
    const u: number[] = [];
    const v: number[] = [];
    const g: number[] = [];
    const b: boolean[] = [];
    for (const q of qs) {
      o.push(Math.max(0, (100 * p * q) / tHi - w));
      u.push(Math.max(0, w - (100 * p * q) / tLo));
      v.push(p * q);
      g.push(q <= h ? (h - q) * p * sellKeep : -(q - h) * p * buyPay);
      b.push(q > h);
    }
    over.push(o);
    under.push(u);
    value.push(v);
    cash.push(g);
    buying.push(b);
  });

  /** Class A's (buyClass false) or B's bound at (theta, t); B's is +Infinity when no plan of B fits. */
  const evaluate = (theta: number, t: number, buyClass: boolean): number => {
    const a = Math.max(t, 0);
    const b = Math.max(-t, 0);
    const beta = (-100 * theta * a) / tLo + (100 * (1 - theta) * b) / tHi;
    const constant = theta * a * W - (1 - theta) * b * W - slack;
    const perMember: Point[][] = [];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const o = over[i] as number[];
      const u = under[i] as number[];
      const v = value[i] as number[];
      const g = cash[i] as number[];
      const bb = buying[i] as boolean[];
      if (!buyClass) {
        let best = Number.POSITIVE_INFINITY;
        for (let k = 0; k < o.length; k++) {
          if (bb[k] === true) continue;
          best = Math.min(best, theta * (o[k] as number) + (1 - theta) * (u[k] as number) + beta * (v[k] as number));
        }
        sum += best;
        continue;
      }
      const pts: Point[] = [];
      for (let k = 0; k < o.length; k++) {
        pts.push({
          f: theta * (o[k] as number) + (1 - theta) * (u[k] as number) + beta * (v[k] as number),
          g: g[k] as number,
        });
      }
      perMember.push(pts);
    }
    if (!buyClass) return constant + sum;
    const mu = greedyMultiplier(perMember, gamma);
    if (mu === undefined) return Number.POSITIVE_INFINITY;
    let dual = mu * gamma;
    for (const pts of perMember) {
      let best = Number.POSITIVE_INFINITY;
      for (const pt of pts) best = Math.min(best, pt.f - mu * pt.g);
      dual += best;
    }
    return constant + dual;
  };

  /** The best bound of one class found by a coordinate search over (theta, t); every point tried is valid. */
  const classBound = (buyClass: boolean): number => {
    let theta = 0.5;
    let t = 0;
    let best = Number.NEGATIVE_INFINITY;
    for (const t0 of T_GRID) {
      const x = evaluate(theta, t0, buyClass);
      if (x === Number.POSITIVE_INFINITY) return x;
      if (x > best) {
        best = x;
        t = t0;
      }
    }
    // Golden-section ascent on theta (t fixed), then on t (theta fixed): concave along each.
    const golden = (lo0: number, hi0: number, f: (x: number) => number): void => {
      let lo = lo0;
      let hi = hi0;
      let x1 = hi - PHI * (hi - lo);
      let x2 = lo + PHI * (hi - lo);
      let f1 = f(x1);
      let f2 = f(x2);
      for (let k = 0; k < GOLDEN_STEPS; k++) {
        if (f1 < f2) {
          lo = x1;
          x1 = x2;
          f1 = f2;
          x2 = lo + PHI * (hi - lo);
          f2 = f(x2);
        } else {
          hi = x2;
          x2 = x1;
          f2 = f1;
          x1 = hi - PHI * (hi - lo);
          f1 = f(x1);
        }
      }
    };
    golden(0, 1, (x) => {
      const y = evaluate(x, t, buyClass);
      if (y > best) {
        best = y;
        theta = x;
      }
      return y;
    });
    golden(-1, 1, (x) => {
      const y = evaluate(theta, x, buyClass);
      if (y > best) {
        best = y;
        t = x;
      }
      return y;
    });
    return best;
  };

  return Math.max(0, Math.min(classBound(false), classBound(true)));
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
