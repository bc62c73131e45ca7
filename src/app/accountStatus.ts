import type { EngineStatus } from '../../jobs/EngineStatus.ts';
import { nextPhaseRun, type PhaseRun } from '../domain/nextPhaseRun.ts';
import type { StockCode } from '../domain/types.ts';
import type { AccountSettings } from '../schemas/accountSettingsSchema.ts';
import type { AccountSession, TradingMode } from './openAccount.ts';
import type { AccountSettingsService } from './settings.ts';

/** One holding in the status: value and weight against its explicit target (if any). */
export interface HoldingStatus {
  readonly code: StockCode;
  readonly name: string;
  readonly qty: number;
  readonly price: number;
  readonly value: number;
  /** Percent of the account's total value. */
  readonly weightPct: number;
  /** Explicit target weight, percent; undefined = shares what is left equally. */
  readonly targetPct?: number;
  readonly excluded: boolean;
}

/** The account, the engine and the schedule, as values (`/status`). */
export interface AccountStatus {
  readonly mode: TradingMode;
  readonly accountId: string;
  readonly totalValue: number;
  readonly cash: number;
  readonly holdings: readonly HoldingStatus[];
  readonly settings: AccountSettings;
  readonly engine: EngineStatus;
  /** When the active plan's sell phase will start on schedule (a plan that has not started yet). */
  readonly nextRun?: PhaseRun;
  /** Why the broker could not be read (the engine state is still reported). */
  readonly brokerError?: string;
}

/** Reads the account at the broker, the engine's state and the settings. */
export async function accountStatus(
  session: Pick<AccountSession, 'accountId' | 'mode' | 'broker' | 'engine' | 'config'>,
  settingsService: AccountSettingsService,
  now: number = Date.now(),
): Promise<AccountStatus> {
  const [{ settings }, engine] = await Promise.all([settingsService.get(), session.engine.status()]);
  const waiting = engine.plan?.status === 'active' && engine.plan.phases.sell === 'pending';
  let nextRun: PhaseRun | undefined;
  try {
    if (waiting) nextRun = nextPhaseRun(settings.times.sell, now, session.config.EXTRA_CLOSED_DAYS);
  } catch {
    nextRun = undefined;
  }
  const base = { mode: session.mode, accountId: session.accountId, settings, engine, ...(nextRun ? { nextRun } : {}) };
  try {
    const account = await session.broker.getAccount();
    const excluded = new Set(settings.rebalance.excluded);
    const invested = account.positions.reduce((s, p) => s + p.qty * p.price, 0);
    const totalValue = invested + account.orderableCash;
    const holdings = account.positions.map((p): HoldingStatus => {
      const value = p.qty * p.price;
      const target = settings.rebalance.weights[p.code];
      return {
        code: p.code,
        name: p.name,
        qty: p.qty,
        price: p.price,
        value,
        weightPct: totalValue > 0 ? (value * 100) / totalValue : 0,
        ...(target !== undefined ? { targetPct: target } : {}),
        excluded: excluded.has(p.code),
      };
    });
    return { ...base, totalValue, cash: account.orderableCash, holdings };
  } catch (err) {
    return { ...base, totalValue: 0, cash: 0, holdings: [], brokerError: (err as Error).message ?? String(err) };
  }
}
