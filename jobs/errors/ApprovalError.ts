import type { ApproveResult } from '../../src/store/PlanStore.ts';

/** Thrown when a plan cannot be approved; nothing changed. Approving it again gets the same answer. */
export class ApprovalError extends Error {
  override readonly name = 'ApprovalError';
  readonly retryable = false;

  constructor(
    message: string,
    /** PlanStore.approve's reason, for a caller that words it. */
    readonly reason?: Extract<ApproveResult, { ok: false }>['reason'],
  ) {
    super(message);
  }
}
