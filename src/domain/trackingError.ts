/** One bucket of a portfolio: its value in won and where it should be, in percent of the total. */
export interface TrackedBucket {
  readonly value: number;
  readonly targetPct: number;
}

/**
 * Tracking error of a portfolio against its targets, in percentage points: half the sum over buckets of
 * |weight - target|, where weight = 100 x value / total and total = the holdings' values + cash. Cash is a bucket
 * like any code (its target is the cash target), so idle cash counts against a plan. Half, because every point
 * one bucket is over is a point some other bucket is under: 0 is on target, 100 is entirely elsewhere.
 * An empty portfolio (total 0) has nothing to track: 0.
 */
export function trackingError(holdings: readonly TrackedBucket[], cash: TrackedBucket): number {
  let total = cash.value;
  for (const h of holdings) total += h.value;
  if (total <= 0) return 0;
  let sum = Math.abs((100 * cash.value) / total - cash.targetPct);
  for (const h of holdings) sum += Math.abs((100 * h.value) / total - h.targetPct);
  return sum / 2;
}
