/**
 * KRX tick sizes (호가가격단위): an order price must be a whole multiple of the tick of that price itself, or the
 * broker rejects the order. Integer arithmetic only: `%` is applied to whole won, never to fractions.
 * @see ../shared/reference/krx-rules.md "Tick sizes (호가가격단위)" (KRX announcements reported 2023-01-17/24,
 *   ekn.kr and segye.com; ETF/ETN change: etoday.co.kr 2289674)
 */

/** Which tick table applies: ordinary shares (KOSPI, KOSDAQ, KONEX alike) or ETFs/ETNs. */
export type InstrumentKind = 'stock' | 'etf';

/** Which way to move a price that is off the tick grid. */
export type TickDirection = 'up' | 'down';

/** One band of a tick table: prices from `from` won (inclusive) up to the next band use `tick`. */
export interface TickBand {
  readonly from: number;
  readonly tick: number;
}

/**
 * Shares: one table for KOSPI, KOSDAQ and KONEX since 2023-01-25.
 * @see ../shared/reference/krx-rules.md "Tick sizes": <2,000: 1; <5,000: 5; <20,000: 10; <50,000: 50;
 *   <200,000: 100; <500,000: 500; from 500,000: 1,000.
 */
export const STOCK_TICK_TABLE: readonly TickBand[] = [
  { from: 0, tick: 1 },
  { from: 2_000, tick: 5 },
  { from: 5_000, tick: 10 },
  { from: 20_000, tick: 50 },
  { from: 50_000, tick: 100 },
  { from: 200_000, tick: 500 },
  { from: 500_000, tick: 1_000 },
];

/**
 * ETFs and ETNs: 1 won under 2,000 and 5 won from 2,000 (since December 2023).
 * @see ../shared/reference/krx-rules.md "Tick sizes" (etoday.co.kr 2289674)
 */
export const ETF_TICK_TABLE: readonly TickBand[] = [
  { from: 0, tick: 1 },
  { from: 2_000, tick: 5 },
];

/** The tick table of each instrument kind. */
export const TICK_TABLES: Readonly<Record<InstrumentKind, readonly TickBand[]>> = {
  stock: STOCK_TICK_TABLE,
  etf: ETF_TICK_TABLE,
};

/**
 * Largest price these functions accept, in won. Far above any KRX price, and small enough that every sum and
 * product here (price + tick, price x 30) stays an exact integer.
 */
export const MAX_PRICE = 1_000_000_000_000;

/** Tick size in won at `price` (the price's own band). Throws RangeError for a price that is not > 0. */
export function tickSize(price: number, kind: InstrumentKind = 'stock'): number {
  assertPrice(price);
  const table = TICK_TABLES[kind];
  if (table === undefined) throw new RangeError(`unknown instrument kind: ${String(kind)}`);
  let tick = 1;
  for (const band of table) {
    if (price >= band.from) tick = band.tick;
  }
  return tick;
}

/** True when `price` is a whole number of won >= 1 on the tick grid of its own band. Never throws. */
export function isOnTick(price: number, kind: InstrumentKind = 'stock'): boolean {
  if (!Number.isSafeInteger(price) || price < 1 || price > MAX_PRICE) return false;
  return price % tickSize(price, kind) === 0;
}

/**
 * The nearest valid order price at or above (`up`) or at or below (`down`) `price`.
 * A fractional input is first taken to the whole won in the same direction, so the result never crosses it.
 * Rounding up can land on a band boundary (49,990 -> 50,000 on the 100 tick): that is valid because every
 * boundary is a multiple of the ticks on both sides of it (checked by the tests against the tables).
 * Throws RangeError when there is no valid price that way (rounding down below 1 won) or the input is not a price.
 */
export function roundToTick(price: number, direction: TickDirection, kind: InstrumentKind = 'stock'): number {
  if (!Number.isFinite(price) || price <= 0) throw new RangeError(`price must be a number > 0: ${price}`);
  const whole = direction === 'up' ? Math.ceil(price) : Math.floor(price);
  if (whole < 1) throw new RangeError(`no valid order price at or below ${price}`);
  const tick = tickSize(whole, kind);
  const rest = whole % tick;
  if (rest === 0) return whole;
  return direction === 'down' ? whole - rest : whole - rest + tick;
}

/** The smallest valid order price strictly above `price` (one tick up, e.g. 1,999 -> 2,000, 2,000 -> 2,005). */
export function nextTickUp(price: number, kind: InstrumentKind = 'stock'): number {
  if (!Number.isFinite(price) || price <= 0) throw new RangeError(`price must be a number > 0: ${price}`);
  return roundToTick(Math.floor(price) + 1, 'up', kind);
}

/**
 * The largest valid order price strictly below `price` (one tick down, e.g. 2,000 -> 1,999, 5,000 -> 4,995).
 * Throws RangeError when nothing valid is below (price <= 1).
 */
export function nextTickDown(price: number, kind: InstrumentKind = 'stock'): number {
  if (!Number.isFinite(price) || price <= 0) throw new RangeError(`price must be a number > 0: ${price}`);
  const below = Math.ceil(price) - 1;
  if (below < 1) throw new RangeError(`no valid order price below ${price}`);
  return roundToTick(below, 'down', kind);
}

function assertPrice(price: number): void {
  if (!Number.isFinite(price) || price <= 0 || price > MAX_PRICE) {
    throw new RangeError(`price must be a number > 0 and <= ${MAX_PRICE}: ${price}`);
  }
}
