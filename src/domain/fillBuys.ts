import { largestAffordable } from './largestAffordable.ts';
import { MIN_GAIN } from './minGain.ts';
import { PriorityQueue } from './PriorityQueue.ts';
import type { QuantityState } from './QuantityState.ts';

interface BuyOffer {
  readonly index: number;
  /** Objective improvement per won spent when pushed; re-checked when popped, since spending changes it. */
  readonly ratio: number;
}

/**
 * Spends the cash above the reserve on the underweight members.
 * 1. Whole shares that do not overshoot any target: all of them if the cash covers them, else each member's count
 *    scaled by the same fraction, so a shortage is shared out instead of starving the members listed last.
 * 2. A lazy greedy over a priority queue: buy the shares that improve the objective most per won (whole-share
 *    shortfalls first, then single shares that overshoot a target by less than they fill), as long as they fit.
 *    Runs of whole shares are bought in one step, so the work does not grow with the number of shares.
 */
export function fillBuys(state: QuantityState): void {
  const { problem } = state;
  if (!problem.buyEnabled || state.cash <= problem.reserve) return;
  const { members, targetValues } = problem;

  const wanted: number[] = members.map((m, i) => {
    const q = state.qty[i] as number;
    if (q < m.heldQty) return 0;
    const short = (targetValues[i] as number) - q * m.price;
    return short >= m.price ? Math.floor(short / m.price) : 0;
  });
  let wantedCost = 0;
  wanted.forEach((k, i) => {
    if (k > 0) wantedCost += state.legCash(i, state.qty[i] as number) - state.legCash(i, (state.qty[i] as number) + k);
  });
  const spare = state.cash - problem.reserve;
  const scale = wantedCost <= spare ? 1 : spare / wantedCost;
  wanted.forEach((k, i) => {
    const take = scale === 1 ? k : Math.floor(k * scale);
    if (take > 0 && state.allowed(i, (state.qty[i] as number) + take)) state.set(i, (state.qty[i] as number) + take);
  });
  trimToReserve(state);

  const queue = new PriorityQueue<BuyOffer>((a, b) => a.ratio > b.ratio || (a.ratio === b.ratio && a.index < b.index));
  for (let i = 0; i < members.length; i++) {
    const offer = bestBuy(state, i);
    if (offer !== undefined) queue.push({ index: i, ratio: offer.ratio });
  }
  for (let item = queue.pop(); item !== undefined; item = queue.pop()) {
    const offer = bestBuy(state, item.index);
    if (offer === undefined) continue;
    const next = queue.peek();
    if (next !== undefined && offer.ratio < next.ratio) {
      queue.push({ index: item.index, ratio: offer.ratio });
      continue;
    }
    state.set(item.index, offer.qty);
    const again = bestBuy(state, item.index);
    if (again !== undefined) queue.push({ index: item.index, ratio: again.ratio });
  }
}

/**
 * Commission is rounded up per order, so scaled-down legs can cost a few won more than the proportion: give back
 * single shares from the largest buy legs until the reserve is whole again. Rarely more than one step.
 */
function trimToReserve(state: QuantityState): void {
  const { members } = state.problem;
  while (state.cash < state.problem.reserve) {
    let pick = -1;
    let pickValue = 0;
    members.forEach((m, i) => {
      const extra = (state.qty[i] as number) - m.heldQty;
      if (extra > 0 && extra * m.price > pickValue) {
        pick = i;
        pickValue = extra * m.price;
      }
    });
    if (pick < 0) return;
    state.set(pick, (state.qty[pick] as number) - 1);
  }
}

/** The best purchase step for member i now: a run of whole shares or one share, with its gain per won. */
function bestBuy(state: QuantityState, i: number): { qty: number; ratio: number } | undefined {
  const { problem } = state;
  const m = problem.members[i];
  if (m === undefined) return undefined;
  const q = state.qty[i] as number;
  if (q < m.heldQty) return undefined;
  const short = (problem.targetValues[i] as number) - q * m.price;
  if (short <= 0) return undefined;
  let k = 1;
  const wholeShares = Math.floor(short / m.price);
  const cashFloor = Math.max(problem.cashTargetValue, problem.reserve);
  if (wholeShares > 1) {
    // A run of whole shares each improves the objective by the same amount while cash stays above its target.
    const perShare = m.price * (1 + problem.fees.commissionPpm / 1_000_000) + 1;
    const byCash = Math.floor((state.cash - cashFloor) / perShare);
    k = Math.max(1, Math.min(wholeShares, byCash));
  }
  if (!state.feasible(i, q + k)) {
    k = k > 1 ? largestAffordable(state, i, k) : 0;
    if (k === 0) return undefined;
  }
  const gain = -state.delta(i, q + k);
  if (gain <= MIN_GAIN) return undefined;
  const spent = state.legCash(i, q) - state.legCash(i, q + k);
  return { qty: q + k, ratio: gain / spent };
}
