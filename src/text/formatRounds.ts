import { formatInteger } from './formatNumber.ts';

/**
 * Per-round quantities in a compact form for the preview's 회차 column: `{shares}x{rounds}` groups, largest
 * quantity first, separated by spaces. [3,3,4,3,3,4,3,3,4,3] -> "4x3 3x7" (three rounds of 4 shares, seven of 3);
 * ten rounds of 3 -> "3x10"; three shares over five rounds [0,1,0,1,1] -> "1x3 0x2". Empty rounds are kept so
 * the number of rounds always adds up. The order of rounds is left out: splitRounds spreads the larger ones evenly.
 */
export function formatRounds(rounds: readonly number[]): string {
  if (rounds.length === 0) return '-';
  const counts = new Map<number, number>();
  for (const qty of rounds) {
    if (!Number.isSafeInteger(qty) || qty < 0)
      throw new RangeError(`round quantity must be a whole number >= 0: ${qty}`);
    counts.set(qty, (counts.get(qty) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => b - a)
    .map(([qty, times]) => `${formatInteger(qty)}x${times}`)
    .join(' ');
}
