/**
 * Domain types shared by the planner, the engine and the adapters.
 * Money is whole won and quantities are whole shares, always integers; weights are percentages.
 */

/** A KRX stock code as orders use it: six characters, no type prefix (see stockCode.ts). */
export type StockCode = string;

/** Which way an order or a phase trades. */
export type Side = 'buy' | 'sell';

/** A holding in the account at snapshot time. */
export interface Position {
  readonly code: StockCode;
  readonly name: string;
  /** Shares held. */
  readonly qty: number;
  /** Current price in won (plan-time price). */
  readonly price: number;
  /**
   * Shares that can be sold now. Defaults to `qty`; smaller when shares are pledged, unsettled or
   * otherwise blocked. A position with `sellableQty` 0 is held but not tradable.
   */
  readonly sellableQty?: number;
}

/** What the planner needs to know about the account. */
export interface AccountSnapshot {
  /** Cash that can fund orders now (no-margin orderable cash), in won. */
  readonly deposit: number;
  readonly positions: readonly Position[];
}

/** Price of a code that is not held (for added codes). */
export interface PriceQuote {
  readonly code: StockCode;
  readonly name: string;
  readonly price: number;
}

/** Rebalancing settings of one account (product.md, flow step 1). */
export interface RebalanceSettings {
  /** Explicit target weights in percent of the account's total value, by code. */
  readonly weights: Readonly<Record<StockCode, number>>;
  /** Codes that are never traded and are left out of the total. */
  readonly excluded: readonly StockCode[];
  /** Codes to buy into that may not be held yet. */
  readonly added: readonly StockCode[];
  /** Cash to keep, in percent of the account's total value. */
  readonly cashPct: number;
  readonly sellSplit: number;
  readonly buySplit: number;
  readonly sellEnabled: boolean;
  readonly buyEnabled: boolean;
  /**
   * Drift band in percentage points: a member whose current weight is within its target ± this is left alone.
   * Absent or 0: no band (every member may trade).
   */
  readonly driftBandPp?: number | undefined;
  /** Smallest leg worth trading, in won at plan-time prices: no leg below it. Absent or 0: no minimum. */
  readonly minTradeValue?: number | undefined;
}

/** Commission and tax rates, in parts per million of the traded value (150 ppm = 0.015%). */
export interface FeeRates {
  /** Broker commission per side. */
  readonly commissionPpm: number;
  /** Securities transaction tax, charged on sales only. */
  readonly sellTaxPpm: number;
}

/** One side's trade of one code, split into rounds. */
export interface PlanLeg {
  readonly code: StockCode;
  readonly name: string;
  /** Plan-time price in won. */
  readonly price: number;
  /** Total shares to trade. */
  readonly qty: number;
  /** Shares per round; whole, summing to `qty`. */
  readonly rounds: readonly number[];
  /** Shares held at plan time. */
  readonly heldQty: number;
  /** Target value in won at plan-time prices. */
  readonly targetValue: number;
  /** Target weight in percent. */
  readonly targetPct: number;
}

/** A holding the plan leaves alone, valued at its price. */
export interface ExcludedHolding {
  readonly code: StockCode;
  readonly name: string;
  readonly qty: number;
  readonly price: number;
  readonly value: number;
  /** Why it is left out: excluded by the user, or held but not tradable. */
  readonly reason: 'excluded' | 'not-tradable';
}

/** The account as the plan expects it after every leg fills. */
export interface ProjectedState {
  /** Post-trade weights in percent of the projected total (included holdings + cash), by code. */
  readonly weights: Readonly<Record<StockCode, number>>;
  /** Post-trade cash in won, after fees and taxes. */
  readonly cash: number;
}

/** The planner's decision: what to sell, what to buy, what to leave alone, and where it lands. */
export interface Plan {
  readonly sells: readonly PlanLeg[];
  readonly buys: readonly PlanLeg[];
  readonly excluded: readonly ExcludedHolding[];
  readonly projected: ProjectedState;
  /** Total value the weights apply to (included holdings + deposit), in won. */
  readonly totalValue: number;
  /** Estimated commission + tax of all legs, in won. */
  readonly estimatedCosts: number;
  /**
   * How close the account is to its targets, and what the settings cost. Always set by planRebalance; optional
   * only so plans stored before it existed still read.
   */
  readonly tracking?: PlanTracking | undefined;
  /** estimatedCosts split into commission and sales tax, in won (always set by planRebalance). */
  readonly estimatedFees?: PlanFees | undefined;
  /** Legs a plan with no band and no minimum would trade that the settings dropped (always set by planRebalance). */
  readonly droppedLegs?: PlanDroppedLegs | undefined;
}

/**
 * Tracking errors of a plan in percentage points (half the sum of |weight - target| over the members and cash;
 * see trackingError), at plan-time prices.
 */
export interface PlanTracking {
  /** The account as it is, before any trade. */
  readonly before: number;
  /** After every leg of this plan fills. */
  readonly after: number;
  /** After the plan the same account would get with no drift band and no minimum trade value. */
  readonly withoutBand: number;
  /**
   * No whole-share plan within the settings can get below this: `after` itself when `optimal`, else the search's
   * root bound (the cash-coupled LP lower bound or each member's own nearest whole share, whichever is higher;
   * see searchQuantities, cashCoupledBound).
   */
  readonly lowerBound: number;
  /** True when the search finished and proved `after` the least tracking error whole shares allow. */
  readonly optimal: boolean;
}

/** Estimated costs of a plan by kind, in won. */
export interface PlanFees {
  readonly commission: number;
  /** Securities transaction tax (sells only). */
  readonly tax: number;
}

/** Legs dropped by the settings, counted on the plan with no band and no minimum. */
export interface PlanDroppedLegs {
  /** Legs of members whose weight is inside the drift band. */
  readonly band: number;
  /** Legs, of members outside the band, worth less than the minimum trade value. */
  readonly minimum: number;
}
