import type { AmendRules } from '../src/domain/amendDecision.ts';
import type { FeeRates } from '../src/domain/types.ts';
import type { Logger } from '../src/logging/logger.ts';
import type { OrderContext } from './OrderContext.ts';

/** Engine settings the lifecycle jobs (poll, phases) use; tests scale the times down. */
export interface LifecycleSettings {
  /** Time between two polls of the broker (POLL_INTERVAL_MS). */
  readonly pollIntervalMs: number;
  /** AMEND_AFTER_MS, MAX_AMENDS, AMEND_POLICY, AMEND_PRICE. */
  readonly amend: AmendRules;
  /** Fee rates the buy resize budgets commission with (COMMISSION_PPM, SELL_TAX_PPM). */
  readonly fees: FeeRates;
}

/** What the poll and phase jobs work with: the order context (stores, queue, broker) plus their own settings. */
export interface LifecycleContext {
  readonly orders: OrderContext;
  readonly settings: LifecycleSettings;
  /** Clock of the amend decisions (epoch ms). */
  readonly now: () => number;
  readonly logger?: Logger | undefined;
}
