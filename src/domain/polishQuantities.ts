import { MIN_GAIN } from './minGain.ts';
import type { QuantityState } from './QuantityState.ts';

/** Bounded local search: sweeps over all members, each O(n). */
const MAX_SWEEPS = 12;
/** Bounded change-spending passes, each O(b log n) for b buy legs. */
const MAX_SWAP_PASSES = 8;
/** How many of the dearest affordable short members a swap tries for each share it gives back. */
const SWAP_TRIES = 3;

/**
 * Local search after the greedy fill, alternating two kinds of move until neither helps (bounded):
 * - one share more or less for one member (whichever helps more), e.g. rounding a sell up when the cash it frees
 *   is worth more than the share, or undoing a buy that overshoots;
 * - a swap: one share fewer of a bought member for one share of a dearer member still short of its target, which
 *   spends more of the change whole shares leave (that change is less than any share still wanted).
 * A move is kept only if it lowers the objective and the plan stays feasible.
 */
export function polishQuantities(state: QuantityState): void {
  for (let round = 0; round < MAX_SWAP_PASSES; round++) {
    singleMoves(state);
    if (!swapOnce(state)) return;
  }
  singleMoves(state);
}

function singleMoves(state: QuantityState): void {
  const n = state.problem.members.length;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      const q = state.qty[i] as number;
      const down = state.moveDelta(i, q - 1);
      const up = state.moveDelta(i, q + 1);
      let bestQ = q;
      let bestDelta = -MIN_GAIN;
      if (down !== undefined && down < bestDelta) {
        bestDelta = down;
        bestQ = q - 1;
      }
      if (up !== undefined && up < bestDelta) bestQ = q + 1;
      if (bestQ !== q) {
        state.set(i, bestQ);
        moved = true;
      }
    }
    if (!moved) return;
  }
}

/** Applies the best improving swap, if any. @returns whether one was applied. */
function swapOnce(state: QuantityState): boolean {
  const { members, targetValues, reserve } = state.problem;
  const spare = state.cash - reserve;
  if (!state.problem.buyEnabled || spare < 0) return false;
  // Members still short of their target by some amount, cheapest first.
  const short: number[] = [];
  members.forEach((m, j) => {
    const q = state.qty[j] as number;
    if (q >= m.heldQty && (targetValues[j] as number) > q * m.price) short.push(j);
  });
  if (short.length === 0) return false;
  short.sort((a, b) => state.price(a) - state.price(b) || a - b);

  let best: { give: number; take: number; delta: number } | undefined;
  members.forEach((m, i) => {
    const q = state.qty[i] as number;
    if (q <= m.heldQty) return;
    const freed = state.cashAfter(i, q - 1) - state.cash;
    const budget = spare + freed;
    // Dearest short member whose share fits the budget (fees are checked exactly below).
    let lo = 0;
    let hi = short.length - 1;
    let top = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (state.price(short[mid] as number) <= budget) {
        top = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const giveDelta = state.delta(i, q - 1);
    state.set(i, q - 1);
    for (let k = top, tried = 0; k >= 0 && tried < SWAP_TRIES; k--) {
      const j = short[k] as number;
      if (j === i || state.price(j) <= m.price) break;
      tried++;
      const takeDelta = state.moveDelta(j, (state.qty[j] as number) + 1);
      if (takeDelta === undefined) continue;
      const delta = giveDelta + takeDelta;
      if (delta < -MIN_GAIN && (best === undefined || delta < best.delta)) best = { give: i, take: j, delta };
    }
    state.set(i, q);
  });
  if (best === undefined) return false;
  state.set(best.give, (state.qty[best.give] as number) - 1);
  state.set(best.take, (state.qty[best.take] as number) + 1);
  return true;
}
