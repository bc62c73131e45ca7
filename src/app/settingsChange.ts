import type { Side, StockCode } from '../domain/types.ts';
import type { AccountSettings } from '../schemas/accountSettingsSchema.ts';

/** One change the owner asks for (a bot command, parsed). */
export type SettingsChange =
  /** Sets the listed weights (percent) and removes those listed in `remove`; other weights stay. */
  | {
      readonly kind: 'weights';
      readonly set: Readonly<Record<StockCode, number>>;
      readonly remove: readonly StockCode[];
    }
  /** Removes every explicit weight: every included code shares what the cash target leaves equally. */
  | { readonly kind: 'weights-equal' }
  | { readonly kind: 'cash'; readonly pct: number }
  | { readonly kind: 'exclude' | 'include' | 'add' | 'remove'; readonly codes: readonly StockCode[] }
  /** `preview: null` clears the pushed preview. */
  | { readonly kind: 'times'; readonly sell?: string; readonly buy?: string; readonly preview?: string | null }
  | { readonly kind: 'split'; readonly sell?: number; readonly buy?: number }
  | { readonly kind: 'enable' | 'disable'; readonly side: Side }
  | { readonly kind: 'order-type'; readonly orderType: 'limit' | 'market' }
  /** Drift band in percentage points (0 = none): a holding within target ± band is left alone. */
  | { readonly kind: 'band'; readonly pp: number }
  /** Minimum trade value in won (0 = none): no leg below it. */
  | { readonly kind: 'mintrade'; readonly won: number };

/**
 * Applies a change to settings (pure; the result is validated by the caller). `/remove` also drops the code's
 * explicit weight: a weight for a code neither held nor added would make every plan fail.
 */
export function applySettingsChange(s: AccountSettings, change: SettingsChange): AccountSettings {
  const r = s.rebalance;
  const rebalance = (patch: Partial<AccountSettings['rebalance']>): AccountSettings => ({
    ...s,
    rebalance: { ...r, ...patch },
  });
  switch (change.kind) {
    case 'weights': {
      const weights: Record<string, number> = { ...r.weights };
      for (const code of change.remove) delete weights[code];
      for (const [code, pct] of Object.entries(change.set)) weights[code] = pct;
      return rebalance({ weights: sortKeys(weights) });
    }
    case 'weights-equal':
      return rebalance({ weights: {} });
    case 'cash':
      return rebalance({ cashPct: change.pct });
    case 'exclude':
      return rebalance({ excluded: union(r.excluded, change.codes) });
    case 'include':
      return rebalance({ excluded: r.excluded.filter((c) => !change.codes.includes(c)) });
    case 'add':
      return rebalance({ added: union(r.added, change.codes) });
    case 'remove': {
      const weights: Record<string, number> = { ...r.weights };
      for (const code of change.codes) delete weights[code];
      return rebalance({ added: r.added.filter((c) => !change.codes.includes(c)), weights });
    }
    case 'times': {
      const times: { sell: string; buy: string; preview?: string } = {
        sell: change.sell ?? s.times.sell,
        buy: change.buy ?? s.times.buy,
      };
      const preview = change.preview === undefined ? s.times.preview : (change.preview ?? undefined);
      if (preview !== undefined) times.preview = preview;
      return { ...s, times };
    }
    case 'split':
      return rebalance({ sellSplit: change.sell ?? r.sellSplit, buySplit: change.buy ?? r.buySplit });
    case 'enable':
    case 'disable':
      return rebalance(
        change.side === 'sell' ? { sellEnabled: change.kind === 'enable' } : { buyEnabled: change.kind === 'enable' },
      );
    case 'order-type':
      return { ...s, orderType: change.orderType };
    case 'band':
      return rebalance({ driftBandPp: change.pp });
    case 'mintrade':
      return rebalance({ minTradeValue: change.won });
  }
}

function union(a: readonly StockCode[], b: readonly StockCode[]): StockCode[] {
  return [...new Set([...a, ...b])];
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
