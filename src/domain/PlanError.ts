/**
 * Base of every error the planner throws. A plan error always means the input (account snapshot or settings) is
 * wrong or inconsistent: planning again with the same input gives the same error, so it is never retried. The
 * message names what is wrong in words a user can act on (it is shown in the chat and by the plan CLI).
 */
export abstract class PlanError extends Error {
  /** Plan errors come from the input, never from a passing condition. */
  readonly retryable = false;
}
