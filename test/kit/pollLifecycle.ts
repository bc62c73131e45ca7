import type { LifecycleContext } from '../../jobs/LifecycleContext.ts';
import type { OrderContext } from '../../jobs/orderQueue.ts';

/** What runPoll needs around `orders`: a 1 s poll, amendments after a minute (at most 2, then keep), real time. */
export function pollLifecycle(orders: OrderContext): LifecycleContext {
  return {
    orders,
    settings: {
      pollIntervalMs: 1_000,
      amend: { amendAfterMs: 60_000, maxAmends: 2, policy: 'keep', priceMode: 'best' },
      fees: { commissionPpm: 150, sellTaxPpm: 1_800 },
    },
    now: Date.now,
  };
}
