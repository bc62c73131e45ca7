import type { PhaseSummary } from '../domain/EngineEvent.ts';
import { phaseSummary } from '../domain/phaseSummary.ts';
import { type PostTradeReport, postTradeReport } from '../domain/postTradeReport.ts';
import type { Side } from '../domain/types.ts';
import type { AccountSession } from './openAccount.ts';

/** A plan's outcome as values: the phase summaries from the ledger and the post-trade report (or why none). */
export interface PlanOutcome {
  readonly summaries: Readonly<Record<Side, PhaseSummary>>;
  /** Absent when the plan is not stored (nothing to measure against) or the broker could not be read. */
  readonly report?: PostTradeReport;
  /** Why the broker's account could not be read for the report. */
  readonly reportError?: string;
}

/**
 * The phase summaries of a plan, computed from the ledger (so a resumed run reports the whole plan), then the
 * post-trade report of the account as it is now against the plan's targets. A failed account query costs the
 * report only (reportError), never the outcome.
 */
export async function planOutcome(
  session: Pick<AccountSession, 'engine' | 'broker'>,
  planId: string,
): Promise<PlanOutcome> {
  const stores = session.engine.orders;
  const stored = await stores.plans.get(planId);
  const records = await stores.ledger.listByPlan(planId);
  const summaries = {} as Record<Side, PhaseSummary>;
  for (const side of ['sell', 'buy'] as const) {
    // The legs as executed (buys after the resize), in the plan's order; none for a phase whose rounds were never
    // queued (no records of that side), which has executed nothing.
    const queued = records.some((r) => r.side === side);
    const legs = (queued ? (side === 'sell' ? stored?.plan.sells : stored?.plan.buys) : undefined) ?? [];
    summaries[side] = phaseSummary(side, legs, records);
  }
  if (stored === undefined) return { summaries };
  try {
    const report = postTradeReport({
      account: await session.broker.getAccount(),
      plan: stored.plan,
      settings: stored.settings,
    });
    return { summaries, report };
  } catch (err) {
    return { summaries, reportError: (err as Error).message ?? String(err) };
  }
}
