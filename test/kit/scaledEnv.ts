/**
 * The engine settings of the benches, scaled down so a whole plan plays out in seconds: interval 150 ms, poll
 * 300 ms, amend after 600 ms (at most 3, then keep, at the best price).
 */
export const SCALED_ENV = {
  ORDER_INTERVAL_MS: '150',
  POLL_INTERVAL_MS: '300',
  AMEND_AFTER_MS: '600',
  MAX_AMENDS: '3',
  AMEND_POLICY: 'keep',
  AMEND_PRICE: 'best',
} as const;
