import { DEFAULT_FEE_RATES } from '../src/domain/fees.ts';
import { legCosts } from '../src/domain/legCosts.ts';
import type { PlanInput } from '../src/domain/PlanInput.ts';
import { resolvePlanUniverse } from '../src/domain/resolvePlanUniverse.ts';
import { validatePlanInput } from '../src/domain/validatePlanInput.ts';

/** What the seed design's sizing does to an account, simulated order by order. */
export interface SeedResult {
  /** Post-trade shares by member (members as resolvePlanUniverse lists them). */
  readonly qty: readonly number[];
  /** Cash after every order that the broker would accept, net of fees and taxes. */
  readonly cash: number;
  /** Buy legs the seed creates whose rounds all buy 0 shares (a round's money is below one share's price). */
  readonly zeroShareLegs: number;
  /** All legs the seed creates (sells with at least one share, every underweight code's buy leg). */
  readonly legs: number;
}

/**
 * The seed design's RebalancingEngine.build_plan, reproduced for the benchmark (shared/seed/original-design-ko.txt):
 * - target = int(total x weight / 100); diff = value - target;
 * - sell leg: diff // price shares (capped at the sellable shares: the broker would refuse more);
 * - buy leg sized in money: each of the N rounds gets diff / N won and buys floor(that / price) shares, so a round
 *   worth less than one share buys nothing;
 * - sells execute first; the buys are sent round by round, leg by leg, and the broker accepts an order only while
 *   the cash (deposit + sale proceeds) covers it: the rest is rejected.
 *
 * Deliberate differences, so the benchmark compares the sizing and nothing else:
 * - the seed gets OUR universe and target weights (resolvePlanUniverse): its own default weight of 100/n for every
 *   code without one can add up past 100% and it has no cash target; with no explicit weights and no cash target
 *   both rules give 100/n;
 * - added codes get buy legs (the seed's loop never buys a code it does not hold, a bug the product fixes);
 * - its buys stop at our cash target (it has none; without this limit it would spend cash the product must keep);
 * - fees are costed as in our plans (legCosts: whatever a leg ends up with is sent as N round orders).
 */
export function seedPlan(input: PlanInput): SeedResult {
  const fees = input.fees ?? DEFAULT_FEE_RATES;
  validatePlanInput(input, fees);
  const universe = resolvePlanUniverse(input);
  const { settings } = input;
  const total = universe.totalValue;
  const qty = universe.members.map((m) => m.heldQty);
  let cash = input.account.deposit;
  let legs = 0;
  let zeroShareLegs = 0;
  const buyRounds: { index: number; perRound: number }[] = [];

  universe.members.forEach((m, i) => {
    const target = Math.trunc((total * m.targetPct) / 100);
    const diff = m.heldQty * m.price - target;
    if (diff > 0 && settings.sellEnabled) {
      const x = Math.min(Math.floor(diff / m.price), m.sellableQty);
      if (x > 0) {
        legs++;
        qty[i] = m.heldQty - x;
        cash += x * m.price - legCosts('sell', m.price, x, settings.sellSplit, fees);
      }
    } else if (diff < 0 && settings.buyEnabled) {
      legs++;
      // floor(floor(-diff / N) / price) == floor(-diff / (N x price)) for whole numbers.
      const perRound = Math.floor(-diff / (settings.buySplit * m.price));
      if (perRound === 0) zeroShareLegs++;
      else buyRounds.push({ index: i, perRound });
    }
  });

  // The seed has no cash target; given ours, its buys may not spend it (the product's rule, and fair: spending the
  // reserve would let it turn cash our planner must keep into shares).
  const reserve = Math.ceil((total * universe.cashPct) / 100);
  const bought = universe.members.map(() => 0);
  const legCost = (i: number, y: number): number => {
    const m = universe.members[i];
    return m === undefined || y === 0 ? 0 : y * m.price + legCosts('buy', m.price, y, settings.buySplit, fees);
  };
  for (let round = 0; round < settings.buySplit; round++) {
    for (const leg of buyRounds) {
      const extra =
        legCost(leg.index, (bought[leg.index] as number) + leg.perRound) -
        legCost(leg.index, bought[leg.index] as number);
      if (cash - extra < reserve) continue; // the broker rejects an order the cash does not cover
      cash -= extra;
      bought[leg.index] = (bought[leg.index] as number) + leg.perRound;
    }
  }
  bought.forEach((y, i) => {
    qty[i] = (qty[i] as number) + y;
  });
  return { qty, cash, zeroShareLegs, legs };
}
