import { type InstrumentKind, MAX_PRICE, roundToTick, tickSize } from './ticks.ts';
import type { Side } from './types.ts';

/** Today's highest and lowest allowed order prices of one code, in won (both on the tick grid). */
export interface PriceLimits {
  readonly upper: number;
  readonly lower: number;
}

/**
 * How far a price that is off the tick grid moves when it is made valid:
 * - `passive`: away from the other side of the book, so the order is never worse than the price asked for
 *   (a buy rounds DOWN and pays no more; a sell rounds UP and receives no less). The default: real money.
 * - `aggressive`: towards the other side (a buy rounds UP, a sell rounds DOWN), for a better chance to fill.
 */
export type TickRounding = 'passive' | 'aggressive';

/**
 * Daily price limit in percent of the base price. Leveraged ETFs use the multiple (60% for a 2x ETF).
 * @see ../shared/reference/krx-rules.md "Daily price limits"; KRX global GLB0602010201T5 (leveraged ETFs)
 */
export const DEFAULT_LIMIT_PERCENT = 30;

/**
 * Upper and lower daily limits from a base price (normally the previous close), computed the way KRX does:
 * amount = base x 30% truncated to the tick at the base price; upper = base + amount and lower = base - amount,
 * each truncated to the tick at the result. Base 16,020: amount 4,806 -> 4,800; upper 20,820 -> 20,800 (50 tick);
 * lower 11,220.
 * @see ../shared/reference/krx-rules.md "Daily price limits" (global.krx.co.kr GLB0602020202T2: "odds less than
 *   minimum order unit shall be dropped" for both limits)
 */
export function priceLimits(
  base: number,
  kind: InstrumentKind = 'stock',
  limitPercent: number = DEFAULT_LIMIT_PERCENT,
): PriceLimits {
  if (!Number.isSafeInteger(base) || base < 1 || base > MAX_PRICE) {
    throw new RangeError(`base price must be a whole number of won between 1 and ${MAX_PRICE}: ${base}`);
  }
  if (!Number.isSafeInteger(limitPercent) || limitPercent < 1 || limitPercent > 99) {
    throw new RangeError(`limit percent must be a whole number between 1 and 99: ${limitPercent}`);
  }
  // base x percent stays exact (base <= 1e12, percent < 100), so the floor is the true truncation.
  const raw = Math.floor((base * limitPercent) / 100);
  const amount = raw - (raw % tickSize(base, kind));
  const upper = roundToTick(base + amount, 'down', kind);
  // amount <= 99% of base, so base - amount >= 1.
  const lower = roundToTick(base - amount, 'down', kind);
  return { upper, lower };
}

/** `price` moved inside [lower, upper]; it is not rounded to a tick (see toValidOrderPrice for that). */
export function clampToLimits(price: number, limits: PriceLimits): number {
  if (Number.isNaN(price)) throw new RangeError('price is not a number');
  assertLimits(limits);
  if (price > limits.upper) return limits.upper;
  if (price < limits.lower) return limits.lower;
  return price;
}

/**
 * A price the exchange accepts for a limit order on `side`: on the tick grid and inside today's limits.
 * Off-grid prices are rounded per `rounding` (default `passive`: a buy rounds down, a sell rounds up; see
 * TickRounding); prices beyond a limit become the nearest on-grid price inside it. The result is always on the
 * grid and inside `limits`, even when the limits given are themselves off the grid (they are narrowed inwards).
 * Throws RangeError when the price is not a number > 0 or the limits leave no valid price.
 */
export function toValidOrderPrice(
  price: number,
  side: Side,
  limits: PriceLimits,
  kind: InstrumentKind = 'stock',
  rounding: TickRounding = 'passive',
): number {
  if (!Number.isFinite(price) || price <= 0) throw new RangeError(`order price must be a number > 0: ${price}`);
  if (side !== 'buy' && side !== 'sell') throw new RangeError(`side must be buy or sell: ${String(side)}`);
  if (rounding !== 'passive' && rounding !== 'aggressive') {
    throw new RangeError(`rounding must be passive or aggressive: ${String(rounding)}`);
  }
  assertLimits(limits);
  const highest = roundToTick(limits.upper, 'down', kind);
  const lowest = roundToTick(limits.lower, 'up', kind);
  if (lowest > highest) {
    throw new RangeError(`no valid price between the limits ${limits.lower} and ${limits.upper}`);
  }
  if (price >= highest) return highest;
  if (price <= lowest) return lowest;
  const direction = (side === 'buy') === (rounding === 'passive') ? 'down' : 'up';
  // Strictly between two on-grid prices, so the rounded price stays within [lowest, highest].
  return roundToTick(price, direction, kind);
}

function assertLimits(limits: PriceLimits): void {
  const { upper, lower } = limits;
  if (!Number.isSafeInteger(upper) || !Number.isSafeInteger(lower) || lower < 1 || upper < lower) {
    throw new RangeError(`price limits must be whole won with 1 <= lower <= upper: lower ${lower}, upper ${upper}`);
  }
}
