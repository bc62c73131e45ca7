import { MissingQuoteError } from './MissingQuoteError.ts';
import type { PlanInput } from './PlanInput.ts';
import type { ExcludedHolding, StockCode } from './types.ts';
import { UnknownWeightCodeError } from './UnknownWeightCodeError.ts';
import { WeightsOverflowError } from './WeightsOverflowError.ts';

/** A code the plan may trade: an included holding or an added code, with its resolved target weight. */
export interface PlanMember {
  readonly code: StockCode;
  readonly name: string;
  /** Plan-time price in won. */
  readonly price: number;
  /** Shares held (0 for an added code not held yet). */
  readonly heldQty: number;
  /** Shares that may be sold now (0 for an added code). */
  readonly sellableQty: number;
  /** Target weight in percent of the account's total value. */
  readonly targetPct: number;
}

/** Who is in the plan, who is left out, and what the weights apply to. */
export interface PlanUniverse {
  /** Included holdings in account order, then added codes not held, in settings order. */
  readonly members: readonly PlanMember[];
  readonly excluded: readonly ExcludedHolding[];
  /** Included holdings' value + deposit, in won. */
  readonly totalValue: number;
  /** Cash the buys must leave, in percent of the total (the user's cash target). */
  readonly cashPct: number;
  /**
   * Where cash should end, in percent: the cash target, or more when every member has an explicit weight and the
   * weights leave more than the cash target unallocated (that remainder is not bought with, so it stays cash).
   */
  readonly cashTargetPct: number;
}

/** Float slack for weight sums like 0.2 + 83.9 + 15.9, which is 100.00000000000001 in binary. */
const SUM_EPSILON = 1e-9;

/**
 * Sorts the account into members and left-out holdings and resolves every member's target weight.
 *
 * - Excluded codes are never members; a held excluded code is reported with reason 'excluded' and left out of the
 *   total. An explicit weight for an excluded code is ignored: exclusion is the stronger, safer instruction.
 * - A held position whose sellableQty is 0 (pledged, unsettled, suspended) is left out the same way with reason
 *   'not-tradable': the planner cannot sell it, and buying more of something the account cannot trade now is not a
 *   rebalance. Keeping it out of the total means the other weights apply to what can actually move.
 * - A position with qty 0 is not a holding (brokers can list a code sold out today); it is ignored.
 * - Explicit weights are fixed; members without one share equally what the explicit weights and the cash target
 *   leave. Explicit weights + cash target over 100 throws WeightsOverflowError; a weight for a code neither held nor
 *   added throws UnknownWeightCodeError; an added code not held without a quote throws MissingQuoteError.
 *
 * Expects input that passed validatePlanInput.
 */
export function resolvePlanUniverse(input: PlanInput): PlanUniverse {
  const { account, quotes, settings } = input;
  const excludedCodes = new Set(settings.excluded);
  const weights = settings.weights;

  const members: Omit<PlanMember, 'targetPct'>[] = [];
  const excluded: ExcludedHolding[] = [];
  const inPlan = new Set<StockCode>();
  const leftOut = new Set<StockCode>();
  for (const p of account.positions) {
    if (p.qty === 0) continue;
    const sellableQty = p.sellableQty ?? p.qty;
    const reason = excludedCodes.has(p.code) ? 'excluded' : sellableQty === 0 ? 'not-tradable' : undefined;
    if (reason !== undefined) {
      excluded.push({ code: p.code, name: p.name, qty: p.qty, price: p.price, value: p.qty * p.price, reason });
      leftOut.add(p.code);
      continue;
    }
    members.push({ code: p.code, name: p.name, price: p.price, heldQty: p.qty, sellableQty });
    inPlan.add(p.code);
  }

  const quoteByCode = new Map(quotes.map((q) => [q.code, q]));
  for (const code of settings.added) {
    if (inPlan.has(code) || leftOut.has(code) || excludedCodes.has(code)) continue;
    const quote = quoteByCode.get(code);
    if (quote === undefined)
      throw new MissingQuoteError(`added code ${code} has no price quote, so it cannot be bought`);
    members.push({ code, name: quote.name, price: quote.price, heldQty: 0, sellableQty: 0 });
    inPlan.add(code);
  }

  let explicitSum = 0;
  let freeCount = 0;
  for (const [code, weight] of Object.entries(weights)) {
    if (excludedCodes.has(code) || leftOut.has(code)) continue;
    if (!inPlan.has(code)) {
      throw new UnknownWeightCodeError(`weight given for ${code}, a code not in the account or the added list`);
    }
    explicitSum += weight;
  }
  for (const m of members) if (!Object.hasOwn(weights, m.code)) freeCount++;
  if (explicitSum + settings.cashPct > 100 + SUM_EPSILON) {
    throw new WeightsOverflowError(
      `explicit weights (${fmt(explicitSum)}%) plus the cash target (${fmt(settings.cashPct)}%) add up to ` +
        `${fmt(explicitSum + settings.cashPct)}%, more than 100%`,
    );
  }
  const freePct = freeCount > 0 ? Math.max(0, 100 - explicitSum - settings.cashPct) / freeCount : 0;

  let totalValue = account.deposit;
  const resolved: PlanMember[] = members.map((m) => {
    totalValue += m.heldQty * m.price;
    const explicit = Object.hasOwn(weights, m.code) ? weights[m.code] : undefined;
    return { ...m, targetPct: explicit ?? freePct };
  });
  const cashTargetPct = freeCount > 0 ? settings.cashPct : Math.max(settings.cashPct, 100 - explicitSum);
  return { members: resolved, excluded, totalValue, cashPct: settings.cashPct, cashTargetPct };
}

function fmt(pct: number): string {
  return String(Math.round(pct * 10_000) / 10_000);
}
