import type { Config } from '../src/config/config.ts';
import type { PollSettings } from './OrderContext.ts';

/** The settings of the poll and the phase jobs, from the engine config section. */
export function pollSettings(config: Config<'engine'>): PollSettings {
  return {
    pollIntervalMs: config.POLL_INTERVAL_MS,
    amend: {
      amendAfterMs: config.AMEND_AFTER_MS,
      maxAmends: config.MAX_AMENDS,
      policy: config.AMEND_POLICY,
      priceMode: config.AMEND_PRICE,
    },
    fees: { commissionPpm: config.COMMISSION_PPM, sellTaxPpm: config.SELL_TAX_PPM },
  };
}
