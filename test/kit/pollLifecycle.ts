import type { OrderContext } from '../../jobs/OrderContext.ts';
import { POLL_SETTINGS } from './pollSettings.ts';

/** The context runPoll is given in the tests: `orders` with the test poll settings and real time. */
export function pollLifecycle(orders: OrderContext): OrderContext {
  return { ...orders, settings: { ...orders.settings, ...POLL_SETTINGS }, now: Date.now };
}
