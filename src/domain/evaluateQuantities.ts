import { legCosts } from './legCosts.ts';
import type { QuantityProblem } from './QuantityProblem.ts';
import { trackingError } from './trackingError.ts';

/** Where a choice of post-trade quantities lands, at plan-time prices. */
export interface QuantityOutcome {
  /** Cash after every leg, net of commission and tax, in won. */
  readonly cash: number;
  /** Commission + tax of all legs, in won. */
  readonly costs: number;
  /** Cash the sells bring in, net of their costs. */
  readonly proceeds: number;
  /** Cash the buys take out, including commission. */
  readonly buyCost: number;
  /** Post-trade tracking error in percentage points (see trackingError). */
  readonly trackingError: number;
}

/** Evaluates post-trade quantities `qty` (parallel to problem.members) exactly, fees per round order included. */
export function evaluateQuantities(problem: QuantityProblem, qty: readonly number[]): QuantityOutcome {
  const { members, fees } = problem;
  let proceeds = 0;
  let buyCost = 0;
  let costs = 0;
  const buckets = members.map((m, i) => {
    const q = qty[i] ?? m.heldQty;
    if (q < m.heldQty) {
      const x = m.heldQty - q;
      const c = legCosts('sell', m.price, x, problem.sellSplit, fees);
      proceeds += x * m.price - c;
      costs += c;
    } else if (q > m.heldQty) {
      const y = q - m.heldQty;
      const c = legCosts('buy', m.price, y, problem.buySplit, fees);
      buyCost += y * m.price + c;
      costs += c;
    }
    return { value: q * m.price, targetPct: m.targetPct };
  });
  const cash = problem.deposit + proceeds - buyCost;
  return {
    cash,
    costs,
    proceeds,
    buyCost,
    trackingError: trackingError(buckets, { value: cash, targetPct: problem.cashTargetPct }),
  };
}
