import type { Redis } from 'ioredis';
import type { OrderType } from '../domain/OrderType.ts';
import { type AccountSettings, accountSettingsSchema } from '../schemas/accountSettingsSchema.ts';
import { canonicalJson } from '../store/PlanStore.ts';
import { SettingsStore, type StoredSettings } from '../store/SettingsStore.ts';
import { SettingsRefusedError } from './errors/SettingsRefusedError.ts';
import { applySettingsChange, type SettingsChange } from './settingsChange.ts';

/** The settings of an account that never stored any: equal weights, no cash target, 5 rounds a side, 09:10 / 09:40. */
export function defaultSettings(orderType: OrderType = 'limit'): AccountSettings {
  return {
    rebalance: {
      weights: {},
      excluded: [],
      added: [],
      cashPct: 0,
      sellSplit: 5,
      buySplit: 5,
      sellEnabled: true,
      buyEnabled: true,
      driftBandPp: 0,
      minTradeValue: 0,
    },
    times: { sell: '09:10', buy: '09:40' },
    orderType,
  };
}

/** What a settings change did. */
export interface SettingsChangeResult {
  readonly before: AccountSettings;
  readonly after: AccountSettings;
  /** Revision after the change (unchanged when nothing changed). */
  readonly rev: number;
  readonly changed: boolean;
}

/** Access to one account's settings (see SettingsStore). */
export class AccountSettingsService {
  private readonly store: SettingsStore;

  constructor(
    redis: Redis,
    accountId: string,
    private readonly defaults: AccountSettings = defaultSettings(),
  ) {
    this.store = new SettingsStore(redis, accountId);
  }

  /** The current settings (the defaults at revision 0 when none were stored). */
  async get(): Promise<StoredSettings> {
    return (await this.store.get()) ?? { settings: this.defaults, rev: 0 };
  }

  /**
   * Applies `change` and stores the result if it is valid. Throws SettingsRefusedError (nothing changed) naming
   * every problem. Retries when another change landed in between, so both count.
   */
  async change(change: SettingsChange): Promise<SettingsChangeResult> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { settings: before, rev } = await this.get();
      const candidate = applySettingsChange(before, change);
      const parsed = accountSettingsSchema.safeParse(candidate);
      if (!parsed.success) {
        throw new SettingsRefusedError(
          parsed.error.issues.map(
            (i) => `${i.path.filter((p) => p !== 'rebalance').join('.') || 'settings'}: ${i.message}`,
          ),
          candidate,
        );
      }
      const after = parsed.data;
      if (canonicalJson(after) === canonicalJson(before)) return { before, after, rev, changed: false };
      const next = await this.store.compareAndSet(rev, after);
      if (next !== undefined) return { before, after, rev: next, changed: true };
    }
    throw new SettingsRefusedError(['settings: changed by someone else too often; try again']);
  }
}

/** The total of the explicit weights plus the cash target, in percent. */
export function allocatedPct(s: AccountSettings): number {
  return Object.values(s.rebalance.weights).reduce((a, b) => a + b, 0) + s.rebalance.cashPct;
}
