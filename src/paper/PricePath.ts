import { type PriceLimits, priceLimits } from '../domain/priceLimits.ts';
import { type InstrumentKind, isOnTick, nextTickDown, nextTickUp, roundToTick } from '../domain/ticks.ts';

/**
 * How many ticks one step moves, with its weight (sums to 1). A symmetric walk: the expected drift is zero, and a
 * path needs hundreds of steps to wander from the base to a daily limit (the 30% band is 150+ ticks wide for
 * most prices), so tests see limits only when they force them with setPrice.
 */
const MOVES: ReadonlyArray<readonly [ticks: number, weight: number]> = [
  [-2, 0.08],
  [-1, 0.24],
  [0, 0.36],
  [1, 0.24],
  [2, 0.08],
];

/**
 * The simulated last-trade price of one stock for one day: a random walk ON THE TICK GRID that never leaves the
 * daily limits around the base price. Each step moves -2..+2 ticks (the tick of the price it passes, so a walk
 * across 50,000 goes 49,950 -> 50,000 -> 50,100). Deterministic for a given random source.
 */
export class PricePath {
  /** The base price (previous close) the limits are computed from. */
  readonly base: number;
  readonly kind: InstrumentKind;
  /** Today's limits around the base (KRX: +-30%, truncated to the tick). */
  readonly limits: PriceLimits;
  readonly #random: () => number;
  #price: number;
  #high: number;
  #low: number;

  /** `base` must be a whole price on the tick grid; `random` yields floats in [0, 1) (e.g. mulberry32). */
  constructor(base: number, random: () => number, kind: InstrumentKind = 'stock') {
    if (!isOnTick(base, kind)) throw new RangeError(`base price must be on the tick grid: ${base}`);
    this.base = base;
    this.kind = kind;
    this.limits = priceLimits(base, kind);
    this.#random = random;
    this.#price = base;
    this.#high = base;
    this.#low = base;
  }

  /** The current price: always on the grid and within the limits. */
  get price(): number {
    return this.#price;
  }

  /** Highest price of the day so far. */
  get high(): number {
    return this.#high;
  }

  /** Lowest price of the day so far. */
  get low(): number {
    return this.#low;
  }

  /** Advances one step and returns the new price. */
  step(): number {
    const r = this.#random();
    let acc = 0;
    let ticks = 0;
    for (const [move, weight] of MOVES) {
      acc += weight;
      if (r < acc) {
        ticks = move;
        break;
      }
    }
    let p = this.#price;
    for (let i = 0; i < Math.abs(ticks); i++) {
      if (ticks > 0) {
        if (p >= this.limits.upper) break;
        p = nextTickUp(p, this.kind);
      } else {
        if (p <= this.limits.lower) break;
        p = nextTickDown(p, this.kind);
      }
    }
    this.#moveTo(p);
    return p;
  }

  /**
   * Forces the price: rounded DOWN to the grid, then clamped into the limits (both on the grid). Returns the price
   * actually set. Throws RangeError for a value that is not a number > 0.
   */
  set(price: number): number {
    if (!Number.isFinite(price) || price <= 0) throw new RangeError(`price must be a number > 0: ${price}`);
    const snapped = price < 1 ? 1 : roundToTick(price, 'down', this.kind);
    const p = Math.min(this.limits.upper, Math.max(this.limits.lower, snapped));
    this.#moveTo(p);
    return p;
  }

  /**
   * Puts the path back where a snapshot left it (price, high, low), e.g. after a restart; the random source is
   * restored by its owner. Throws RangeError for values off the grid, outside the limits or out of order.
   */
  restore(state: { readonly price: number; readonly high: number; readonly low: number }): void {
    for (const v of [state.price, state.high, state.low]) {
      if (!isOnTick(v, this.kind) || v > this.limits.upper || v < this.limits.lower)
        throw new RangeError(`not a price of this path: ${v}`);
    }
    if (!(state.low <= state.price && state.price <= state.high)) throw new RangeError('low <= price <= high broken');
    this.#price = state.price;
    this.#high = state.high;
    this.#low = state.low;
  }

  #moveTo(p: number): void {
    this.#price = p;
    if (p > this.#high) this.#high = p;
    if (p < this.#low) this.#low = p;
  }
}
