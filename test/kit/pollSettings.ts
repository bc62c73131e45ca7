import type { PollSettings } from '../../jobs/OrderContext.ts';

/** The poll settings of the engine tests: a 1 s poll, amendments after a minute (at most 2, then keep). */
export const POLL_SETTINGS: PollSettings = {
  pollIntervalMs: 1_000,
  amend: { amendAfterMs: 60_000, maxAmends: 2, policy: 'keep', priceMode: 'best' },
  fees: { commissionPpm: 150, sellTaxPpm: 1_800 },
};
