import type { Side } from '../src/domain/types.ts';

/**
 * Job id of a phase start on the control queue: one per plan, side and KST date, so a cron that fires twice (or
 * two processes) and a `run now` on the same day start the phase once. BullMQ ids must not contain ':'.
 */
export function phaseStartJobId(planId: string, side: Side, dateKst: string): string {
  return `phase-${planId}-${side}-${dateKst}`;
}
