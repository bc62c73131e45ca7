/** The planner refused the settings with this account (don't retry until the settings change): nothing stored. */
export class PlanRefusedError extends Error {
  override readonly name = 'PlanRefusedError';
  /** A refusal the person can act on; asking again unchanged gets the same answer. */
  readonly retryable = false;

  constructor(
    /** The planner's own reason (PlanError message). */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot plan: ${reason}`, options);
  }
}
