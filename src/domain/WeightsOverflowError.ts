import { PlanError } from './PlanError.ts';

/** Explicit weights plus the cash target add up to more than 100%; the planner never normalises them silently. */
export class WeightsOverflowError extends PlanError {
  override readonly name = 'WeightsOverflowError';
}
