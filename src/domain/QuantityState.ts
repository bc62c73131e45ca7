import { legCosts } from './legCosts.ts';
import { legAllowed, type QuantityProblem } from './QuantityProblem.ts';

/**
 * Post-trade quantities under construction, with the cash they leave kept exact (integer won, fees per round
 * order) and a cheap objective for local moves:
 *
 *   (1 + e) x sum over members |value - target| + |cash - cash target| + fees paid
 *
 * in won, with targets fixed at the plan-time total value. Without e and the fees it is the tracking error's
 * numerator (up to the small shift of the total by fees). Both extra terms break ties the tracking error leaves:
 * - fees: a trade that changes nothing but the fee bill is a loss, not a win (burning idle cash on commission
 *   would otherwise look like a step towards the cash target);
 * - e: with cash counted as a bucket, selling an overweight holding into idle cash (buys disabled) or buying an
 *   underweight one out of cash the explicit weights left unallocated only moves a deviation from one bucket to
 *   another, and the tracking error does not care. A user does: the holdings' targets are what they set, cash is
 *   what is left. e (1% plus twice the fee rates) makes holdings matter slightly more than cash, and more than the
 *   fees of the move.
 * Candidates are compared with the exact tracking error afterwards, so this only steers the search.
 */
export class QuantityState {
  /** Post-trade shares by member. */
  readonly qty: number[];
  /** Cash after all legs, in won. */
  cash: number;
  /** Number of members with a buy leg. */
  private buyLegs = 0;
  /** 1 + e: how much more a member's deviation counts than the cash's (see the class comment). */
  private readonly memberWeight: number;
  /** legCash of every member at its current quantity (the searches ask for it constantly). */
  private readonly currentLegCash: number[];
  // Member fields as flat arrays: the searches read them in tight loops.
  private readonly prices: number[];
  private readonly helds: number[];

  constructor(
    readonly problem: QuantityProblem,
    start?: readonly number[],
  ) {
    this.prices = problem.members.map((m) => m.price);
    this.helds = problem.members.map((m) => m.heldQty);
    this.qty = problem.members.map((m, i) => start?.[i] ?? m.heldQty);
    this.memberWeight = 1.01 + (2 * (problem.fees.commissionPpm + problem.fees.sellTaxPpm)) / 1_000_000;
    this.currentLegCash = this.qty.map((q, i) => this.legCash(i, q));
    this.cash = problem.deposit;
    for (let i = 0; i < this.qty.length; i++) {
      this.cash += this.currentLegCash[i] as number;
      if ((this.qty[i] as number) > this.held(i)) this.buyLegs++;
    }
  }

  /** Shares member i holds at plan time. */
  held(i: number): number {
    return this.helds[i] as number;
  }

  /** Plan-time price of member i. */
  price(i: number): number {
    return this.prices[i] as number;
  }

  /** Cash the leg that takes member i to `q` shares brings in (> 0, a sale) or takes out (< 0, a purchase). */
  legCash(i: number, q: number): number {
    const held = this.helds[i] as number;
    const price = this.prices[i] as number;
    const { fees } = this.problem;
    if (q < held) {
      const x = held - q;
      return x * price - legCosts('sell', price, x, this.problem.sellSplit, fees);
    }
    if (q > held) {
      const y = q - held;
      return -(y * price + legCosts('buy', price, y, this.problem.buySplit, fees));
    }
    return 0;
  }

  /**
   * True when member i may end at `q` shares as far as its own leg goes (side enabled, sellable, >= 0, outside
   * the drift band, worth at least the minimum trade value).
   */
  allowed(i: number, q: number): boolean {
    return legAllowed(this.problem, i, q);
  }

  /** Cash after moving member i to `q`. */
  cashAfter(i: number, q: number): number {
    return this.cash + this.legCash(i, q) - (this.currentLegCash[i] as number);
  }

  /** True when moving member i to `q` keeps the plan feasible: its leg allowed, and buys leave the reserve. */
  feasible(i: number, q: number): boolean {
    return this.moveDelta(i, q) !== undefined;
  }

  /** Change of the objective when member i moves to `q` (negative is better); ignores feasibility. */
  delta(i: number, q: number): number {
    return this.objectiveChange(i, q, this.legCash(i, q) - (this.currentLegCash[i] as number));
  }

  /**
   * Change of the objective when member i moves to `q`, or undefined when the move is not feasible (leg not
   * allowed, or buys would take cash below the reserve). One leg costing for both questions.
   */
  moveDelta(i: number, q: number): number | undefined {
    if (!this.allowed(i, q)) return undefined;
    const cashMove = this.legCash(i, q) - (this.currentLegCash[i] as number);
    const cur = this.qty[i] as number;
    const held = this.helds[i] as number;
    const buyLegs = this.buyLegs - (cur > held ? 1 : 0) + (q > held ? 1 : 0);
    if (buyLegs > 0 && this.cash + cashMove < this.problem.reserve) return undefined;
    return this.objectiveChange(i, q, cashMove);
  }

  private objectiveChange(i: number, q: number, cashMove: number): number {
    const cur = this.qty[i] as number;
    const p = this.prices[i] as number;
    const target = this.problem.targetValues[i] as number;
    const cashTarget = this.problem.cashTargetValue;
    const valueMove = (q - cur) * p;
    // Fees of the move: the part of the cash change that the value change does not explain.
    const feeMove = -valueMove - cashMove;
    return (
      this.memberWeight * (Math.abs(q * p - target) - Math.abs(cur * p - target)) +
      Math.abs(this.cash - valueMove - cashTarget) -
      Math.abs(this.cash - cashTarget) +
      feeMove
    );
  }

  /** Moves member i to `q` shares, updating the cash. */
  set(i: number, q: number): void {
    const cur = this.qty[i] as number;
    const held = this.helds[i] as number;
    const legCash = this.legCash(i, q);
    this.cash += legCash - (this.currentLegCash[i] as number);
    this.currentLegCash[i] = legCash;
    this.buyLegs += (q > held ? 1 : 0) - (cur > held ? 1 : 0);
    this.qty[i] = q;
  }
}
