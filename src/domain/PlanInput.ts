import type { AccountSnapshot, FeeRates, PriceQuote, RebalanceSettings } from './types.ts';

/** Everything the planner looks at: an account snapshot, prices of codes not held, the settings, the fee rates. */
export interface PlanInput {
  readonly account: AccountSnapshot;
  /** Prices of added codes that are not held; quotes of held codes are ignored (the position's price is used). */
  readonly quotes: readonly PriceQuote[];
  readonly settings: RebalanceSettings;
  /** Defaults to DEFAULT_FEE_RATES. */
  readonly fees?: FeeRates | undefined;
}
