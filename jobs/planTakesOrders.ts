import type { PlanStatus } from '../src/store/PlanStore.ts';

/**
 * Whether rounds of a plan with this status may still be sent. A `done` or `cancelled` plan (or one that is gone)
 * takes no more orders: a place job left over for it (start-up recovery, a job that waited while the plan ended)
 * sends nothing. A `halted` plan still does, later: its jobs were removed on halt and resume gives them back, so
 * its rounds stay `queued` (the order processor answers `halted` until then). `pending` and `active` take orders.
 */
export function planTakesOrders(status: PlanStatus | undefined): boolean {
  return status !== undefined && status !== 'done' && status !== 'cancelled';
}
