import type { QuantityProblem } from './QuantityProblem.ts';
import { QuantityState } from './QuantityState.ts';

/**
 * The seed design's sizing (shared/seed/original-design-ko.txt, RebalancingEngine.build_plan), inside our
 * constraints: target = int(total x weight); a sell is floor((value - target) / price) shares, capped at the
 * sellable shares; a buy leg is sized in money, each of its N rounds buying floor((target - value) / N / price)
 * shares; the buy rounds go out round by round, leg by leg, each taken only if the cash above the reserve still
 * covers it. The planner evaluates it as one of its candidates, so its plans are never worse than this; the
 * benchmark and the tests compare against it.
 * @returns post-trade shares by member.
 */
export function floorQuantities(problem: QuantityProblem): number[] {
  const state = new QuantityState(problem);
  const { members, targetValues, buySplit } = problem;
  const perRound: number[] = members.map(() => 0);
  members.forEach((m, i) => {
    const diff = m.heldQty * m.price - Math.trunc(targetValues[i] as number);
    if (diff > 0 && problem.sellEnabled) {
      const x = Math.min(Math.floor(diff / m.price), m.sellableQty);
      if (x > 0) state.set(i, m.heldQty - x);
    } else if (diff < 0 && problem.buyEnabled) {
      // floor(floor(-diff / N) / price) == floor(-diff / (N x price)) for whole numbers.
      perRound[i] = Math.floor(-diff / (buySplit * m.price));
    }
  });
  for (let round = 0; round < buySplit; round++) {
    perRound.forEach((k, i) => {
      const q = (state.qty[i] as number) + k;
      if (k > 0 && state.feasible(i, q)) state.set(i, q);
    });
  }
  return state.qty;
}
