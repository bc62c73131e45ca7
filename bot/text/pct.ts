/** A percentage with at most two decimals. */
export function pct(n: number): string {
  return `${Math.round(n * 100) / 100}%`;
}
