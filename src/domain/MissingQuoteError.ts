import { PlanError } from './PlanError.ts';

/** An added code that is not held has no price quote, so its buy leg cannot be sized. */
export class MissingQuoteError extends PlanError {
  override readonly name = 'MissingQuoteError';
}
