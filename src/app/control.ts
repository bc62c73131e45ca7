import type { HaltSource } from '../domain/HaltSource.ts';
import type { AccountSession } from './openAccount.ts';

/** What the kill switch did. */
export interface HaltOutcome {
  /** Waiting order jobs removed. */
  readonly removedJobs: number;
  readonly planId?: string;
  /** Cancels queued for open orders (when asked for). */
  readonly cancelsQueued: number;
}

/** `/run now`: starts the active plan's sell phase at once (buy waits for the sells). The plan id, or undefined. */
export function runNow(session: Pick<AccountSession, 'engine'>): Promise<string | undefined> {
  return session.engine.runNow();
}

/** `/stop`: the kill switch; with `cancelOpen` the open orders are cancelled at the broker too. */
export async function haltTrading(
  session: Pick<AccountSession, 'engine'>,
  options: { readonly cancelOpen?: boolean; readonly by?: HaltSource } = {},
): Promise<HaltOutcome> {
  const r = await session.engine.halt(options);
  return {
    removedJobs: r.removedJobs,
    cancelsQueued: r.cancelJobs,
    ...(r.planId !== undefined ? { planId: r.planId } : {}),
  };
}

/** `/resume`: releases the kill switch and re-queues what was not sent. */
export function resumeTrading(
  session: Pick<AccountSession, 'engine'>,
): Promise<{ readonly requeued: number; readonly planId?: string }> {
  return session.engine.resume();
}

/** Whether the kill switch is thrown. */
export async function isHalted(session: Pick<AccountSession, 'engine'>): Promise<boolean> {
  return (await session.engine.orders.halt.get()) !== undefined;
}
