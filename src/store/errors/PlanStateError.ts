/**
 * A plan operation that cannot be done in the plan's current state (a status or phase already moved on, a plan id
 * taken); nothing changed. The state does not move back, so the same call is not retried.
 */
export class PlanStateError extends Error {
  override readonly name = 'PlanStateError';
  readonly retryable = false;
}
