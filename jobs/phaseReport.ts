import { type PostTradeReport, postTradeReport } from '../src/domain/postTradeReport.ts';
import type { Side } from '../src/domain/types.ts';
import type { OrderContext } from './OrderContext.ts';

/** What emitPhaseReport pushed. */
export type PhaseReportOutcome =
  | { readonly kind: 'report'; readonly report: PostTradeReport }
  | { readonly kind: 'missing'; readonly reason: string };

/** Longest reason a `report-missing` event carries: the event stays small whatever an error says. */
const MAX_REASON = 300;

/**
 * The post-trade report of a phase that just ended (product.md flow step 7): reads the broker account once and
 * pushes a `report` event with the weights against the plan's targets, or a `report-missing` event saying why
 * there is none. Never throws: the phase is already ended and its summary pushed, and what follows it (the buy
 * start, the plan's end) must not wait on a report. The broker client retries the query itself (transient errors
 * and rate limits); one failure after that is reported, not retried here.
 *
 * Called once per phase end, by the caller that won the phase's running -> done change. A crash between the
 * summary and the report loses the report, never the phase.
 */
export async function emitPhaseReport(ctx: OrderContext, planId: string, side: Side): Promise<PhaseReportOutcome> {
  let outcome: PhaseReportOutcome;
  try {
    const plan = await ctx.plans.get(planId);
    if (plan === undefined) throw new Error(`plan ${planId} is not in the store`);
    const account = await ctx.broker.getAccount();
    const report = postTradeReport({ account, plan: plan.plan, settings: plan.settings });
    outcome = { kind: 'report', report };
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, MAX_REASON);
    ctx.logger?.warn({ err, planId, side }, 'post-trade report missing');
    outcome = { kind: 'missing', reason };
  }
  try {
    await ctx.emit(
      outcome.kind === 'report'
        ? { type: 'report', planId, side, report: outcome.report }
        : { type: 'report-missing', planId, side, reason: outcome.reason },
    );
  } catch (err) {
    ctx.logger?.warn({ err, planId, side }, 'could not push the post-trade report');
  }
  return outcome;
}
