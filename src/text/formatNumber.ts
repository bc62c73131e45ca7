/**
 * Number formats for the bot's messages and the CLI's lines. Written out by hand rather than with Intl so the
 * output does not depend on the ICU data or locale of the machine it runs on.
 */

/** A whole number with thousands separators: 1234567 -> "1,234,567", -4800 -> "-4,800". */
export function formatInteger(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

/** An amount of won: 1234000 -> "1,234,000원". */
export function formatWon(n: number): string {
  return `${formatInteger(n)}원`;
}

/**
 * A percentage with a fixed number of decimals: (12.345, 1) -> "12.3%". Never prints "-0.0%": a value that
 * rounds to zero is shown as zero.
 */
export function formatPercent(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new RangeError(`decimals must be a whole number 0..6: ${decimals}`);
  }
  const fixed = value.toFixed(decimals);
  const unsigned = /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
  return `${unsigned}%`;
}
