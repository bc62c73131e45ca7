import { PlanError } from './PlanError.ts';

/** A weight is given for a code that is neither held nor in the added list, so nothing could reach it. */
export class UnknownWeightCodeError extends PlanError {
  override readonly name = 'UnknownWeightCodeError';
}
