import type { PlanOutcome } from '../app/planOutcome.ts';
import type { PreviewedPlan } from '../app/proposePlan.ts';
import { formatReport, formatSummary } from './formatProgress.ts';

/** The rebalance CLI's own sentences (its progress lines are formatProgress's). */

/** Why a BROKER=paper run neither resumes nor is resumed. */
export function paperRunNotice(accountId: string): string[] {
  return [
    `Paper trading on account ${accountId}: the in-process paper exchange starts fresh from its account file on every run, so nothing of an earlier run is resumed, and this run's state is discarded when it ends.`,
    'To resume across runs, run the exchange on its own (npm run paper) and use BROKER=kiwoom with KIWOOM_BASE_URL.',
  ];
}

/** A dry run found a plan a run would resume. */
export function unfinishedPlanNotice(plan: PreviewedPlan, accountId: string): string {
  return `An unfinished plan ${plan.id} (${plan.status}) of account ${accountId} is in Redis: a run would resume it.`;
}

export const DRY_RUN_DONE = 'Dry run: nothing was placed.';

export const NOTHING_TO_TRADE = 'Nothing to trade: the account is on its targets as far as whole shares allow.';

/** The run refuses to start (stderr). */
export function killSwitchThrown(accountId: string): string {
  return `The kill switch of account ${accountId} is thrown; release it (/resume) before running.`;
}

/** What the start-up recovery settled, or undefined when there was nothing to settle. */
export function recoveredLine(r: {
  readonly found: number;
  readonly notPlaced: number;
  readonly ambiguous: number;
  readonly pendingSettled: number;
}): string | undefined {
  if (r.found + r.notPlaced + r.ambiguous + r.pendingSettled === 0) return undefined;
  return `Recovered the ledger: ${r.found} order(s) found at the broker, ${r.notPlaced} not placed, ${r.ambiguous} ambiguous.`;
}

export function resumingLine(plan: PreviewedPlan, accountId: string): string {
  const when = plan.approvedAt === undefined ? 'earlier' : new Date(plan.approvedAt).toISOString();
  return `Resuming unfinished plan ${plan.id} of account ${accountId} (approved ${when}); the settings file is not used for it.`;
}

export function cannotPlan(settingsPath: string, reason: string): string {
  return `Cannot plan with ${settingsPath}: ${reason}`;
}

/** Why the run stopped before the plan was done (stderr); `fresh`: a paper run, which the next run cannot resume. */
export function stoppedText(outcome: 'halted' | 'aborted', fresh: boolean): string {
  if (outcome === 'halted') {
    return fresh
      ? 'Stopped: the kill switch was thrown. This paper run cannot be resumed: the next run starts fresh.'
      : 'Stopped: the kill switch was thrown. Run the same command after /resume to finish the plan.';
  }
  return fresh
    ? 'Interrupted: the order in flight was finished. The paper exchange ends with this run: the next run starts fresh.'
    : 'Interrupted: the order in flight was finished. Run the same command again to finish the plan.';
}

/** The phase summaries, then the post-trade report (or why there is none). */
export function outcomeLines(outcome: PlanOutcome): string[] {
  const lines = ['Summary:'];
  for (const side of ['sell', 'buy'] as const) {
    for (const line of formatSummary(outcome.summaries[side])) lines.push(`  ${line}`);
  }
  if (outcome.report !== undefined) {
    for (const line of formatReport(outcome.report, 'Post-trade')) lines.push(`  ${line}`);
  } else if (outcome.reportError !== undefined) {
    lines.push(`  Post-trade report unavailable: ${outcome.reportError}`);
  }
  return lines;
}
