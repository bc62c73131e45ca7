import type { QuantityState } from './QuantityState.ts';

/**
 * The most extra shares (up to `limit`) member i can buy without taking cash below the reserve. Binary search:
 * the cost of a leg grows with its size.
 */
export function largestAffordable(state: QuantityState, i: number, limit: number): number {
  const base = state.qty[i] as number;
  let lo = 0;
  let hi = limit;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (state.feasible(i, base + mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
