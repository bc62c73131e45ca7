import { PlanError } from './PlanError.ts';

/** A value of the account snapshot or the settings is out of range or malformed (a split of 0, a negative price). */
export class InvalidPlanInputError extends PlanError {
  override readonly name = 'InvalidPlanInputError';
}
