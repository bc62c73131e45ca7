import { formatInteger } from '../../src/text/formatNumber.ts';

/** Small Korean words and number formats shared by the push texts. */

export const sideWord = (side: 'buy' | 'sell'): string => (side === 'sell' ? '매도' : '매수');

/** Whole won with separators: 71000 -> "71,000원"; fractional averages are rounded. */
export const won = (n: number): string => `${formatInteger(Math.round(n))}원`;

export const shares = (n: number): string => `${formatInteger(n)}주`;

/** A limit price, or 시장가 for a market order (price 0). */
export const priceWord = (price: number): string => (price > 0 ? won(price) : '시장가');

/** "±x.xx%p" for percentage points. */
export function points(x: number): string {
  const fixed = x.toFixed(2);
  if (Number(fixed) === 0) return '0.00%p';
  return `${x > 0 ? '+' : ''}${fixed}%p`;
}

/** "±x.xx%" for a relative difference given as a fraction. */
export function signedPercent(fraction: number): string {
  const fixed = (fraction * 100).toFixed(2);
  if (Number(fixed) === 0) return '0.00%';
  return `${fraction > 0 ? '+' : ''}${fixed}%`;
}
