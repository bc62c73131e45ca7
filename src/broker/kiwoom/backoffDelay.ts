/**
 * Wait before retry number `attempt` (1 = first retry): exponential from `baseMs`, capped at `maxMs`, with "equal
 * jitter" (half fixed, half random) so clients that failed together do not retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
