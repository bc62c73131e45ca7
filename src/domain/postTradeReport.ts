import { InvalidPlanInputError } from './InvalidPlanInputError.ts';
import { resolvePlanUniverse } from './resolvePlanUniverse.ts';
import { trackingError } from './trackingError.ts';
import type { Plan, Position, PriceQuote, RebalanceSettings, StockCode } from './types.ts';

/** The broker account after a phase (a BrokerAccount fits). */
export interface PostTradeAccount {
  /** Cash that can fund orders now, in won: the cash the planner plans with. */
  readonly orderableCash: number;
  /** Holdings with their current prices. */
  readonly positions: readonly Position[];
}

/** The parts of the approved plan's settings the targets come from. */
export type PostTradeSettings = Pick<RebalanceSettings, 'weights' | 'excluded' | 'added' | 'cashPct'>;

/** What postTradeReport reads. */
export interface PostTradeInput {
  readonly account: PostTradeAccount;
  /** The approved plan: its members (legs and projected weights), left-out holdings and plan-time total. */
  readonly plan: Pick<Plan, 'sells' | 'buys' | 'excluded' | 'projected' | 'totalValue'>;
  /**
   * The settings the plan was made with. Without them (a plan stored bare) the targets come from the plan alone:
   * traded codes keep their leg's target, untraded members share what those leave, and the cash target is 0 unless
   * every member was traded (then it is what the legs leave, which is exact).
   */
  readonly settings?: PostTradeSettings | undefined;
}

/** One code of the report, in percent of the included total. */
export interface PostTradeWeight {
  readonly code: StockCode;
  readonly name: string;
  /** Shares held now. */
  readonly qty: number;
  /** qty x current price, in won. */
  readonly value: number;
  readonly weightPct: number;
  readonly targetPct: number;
  /** weightPct - targetPct, in percentage points. */
  readonly diffPct: number;
}

/** Where the account stands against the plan's targets after a phase (product.md flow step 7). */
export interface PostTradeReport {
  /** Orderable cash now, in won. */
  readonly cash: number;
  /** Included holdings' value now + cash, in won: what the weights are percentages of. */
  readonly totalValue: number;
  /** The plan-time total, in won. */
  readonly planTotalValue: number;
  readonly cashWeightPct: number;
  readonly cashTargetPct: number;
  /** Half the sum of |weight - target| over the codes and cash, in percentage points (see trackingError). */
  readonly trackingError: number;
  /** Every member of the plan (sold-out ones at 0) and any included holding the plan did not know; by target. */
  readonly byCode: readonly PostTradeWeight[];
}

/**
 * Post-trade weights against the plan's targets. The universe is the plan's: its members stay members even when
 * sold out or not bought yet, its left-out holdings (excluded, not tradable at plan time) stay out of the total, and
 * the targets are resolved by the planner's own rules (resolvePlanUniverse). A member whose shares are not sellable
 * right now (bought today, pending settlement) still counts: the report says where the account is, not what can
 * trade. A holding the plan did not know is counted as the planner would count it. Cash is the orderable cash, as
 * the planner plans with it. Pure; throws InvalidPlanInputError on malformed account data.
 */
export function postTradeReport(input: PostTradeInput): PostTradeReport {
  const { account, plan } = input;
  checkAccount(account);
  const legs = [...plan.sells, ...plan.buys];
  const members = new Map<StockCode, { name: string; price: number }>();
  for (const code of Object.keys(plan.projected.weights)) members.set(code, { name: code, price: 0 });
  for (const leg of legs) members.set(leg.code, { name: leg.name, price: leg.price });
  const leftOut = new Set([...plan.excluded.map((x) => x.code), ...(input.settings?.excluded ?? [])]);

  const held = new Set<StockCode>();
  const positions: Position[] = [];
  for (const p of account.positions) {
    if (p.qty === 0) continue;
    held.add(p.code);
    positions.push(members.has(p.code) ? { ...p, sellableQty: p.qty } : p);
  }
  // Members not held now enter as added codes (value 0); their price only names a quote the universe asks for.
  const quotes: PriceQuote[] = [];
  for (const [code, m] of members) {
    if (!held.has(code) && !leftOut.has(code)) quotes.push({ code, name: m.name, price: m.price });
  }
  const targets = input.settings ?? settingsFromPlan(plan);
  const universe = resolvePlanUniverse({
    account: { deposit: account.orderableCash, positions },
    quotes,
    settings: {
      weights: targets.weights,
      excluded: [...leftOut],
      added: quotes.map((q) => q.code),
      cashPct: targets.cashPct,
      // Not read by resolvePlanUniverse: nothing is planned here.
      sellSplit: 1,
      buySplit: 1,
      sellEnabled: false,
      buyEnabled: false,
    },
  });

  const total = universe.totalValue;
  const pct = (value: number) => (total > 0 ? (100 * value) / total : 0);
  const byCode = universe.members
    .map((m): PostTradeWeight => {
      const value = m.heldQty * m.price;
      const weightPct = pct(value);
      return {
        code: m.code,
        name: m.name,
        qty: m.heldQty,
        value,
        weightPct,
        targetPct: m.targetPct,
        diffPct: weightPct - m.targetPct,
      };
    })
    .sort((a, b) => b.targetPct - a.targetPct || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    cash: account.orderableCash,
    totalValue: total,
    planTotalValue: plan.totalValue,
    cashWeightPct: pct(account.orderableCash),
    cashTargetPct: universe.cashTargetPct,
    trackingError: trackingError(byCode, { value: account.orderableCash, targetPct: universe.cashTargetPct }),
    byCode,
  };
}

/** Targets of a plan stored without its settings: each traded code's leg target; the rest is resolved as free. */
function settingsFromPlan(plan: PostTradeInput['plan']): PostTradeSettings {
  const weights: Record<StockCode, number> = {};
  for (const leg of [...plan.sells, ...plan.buys]) weights[leg.code] = leg.targetPct;
  return { weights, excluded: [], added: [], cashPct: 0 };
}

function checkAccount(account: PostTradeAccount): void {
  if (!isWhole(account.orderableCash)) {
    throw new InvalidPlanInputError(`orderable cash must be a whole number of won >= 0, got ${account.orderableCash}`);
  }
  const seen = new Set<StockCode>();
  for (const p of account.positions) {
    if (seen.has(p.code)) throw new InvalidPlanInputError(`position ${p.code} is listed twice`);
    seen.add(p.code);
    if (!isWhole(p.qty)) throw new InvalidPlanInputError(`position ${p.code}: qty must be whole shares, got ${p.qty}`);
    if (!isWhole(p.price))
      throw new InvalidPlanInputError(`position ${p.code}: price must be whole won, got ${p.price}`);
  }
}

function isWhole(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}
