import type { Logger } from '../logging/logger.ts';
import { discardAccountState } from './discardAccountState.ts';
import type { AccountSession } from './openAccount.ts';

/**
 * Ends a one-shot run's session (npm run rebalance): stops the engine alone and ends its own Redis connection
 * first (Engine.close; the caller's Redis stays open, discarding needs it), then, for the in-process paper account,
 * whose exchange is gone with this run, drops its ledger, plans and queues rather than leave them in Redis for ever
 * (its id is never used again); not while a worker might still be running. Then closes the session (Redis if
 * opened there, the broker). Never throws: what fails is logged.
 */
export async function closeRun(session: AccountSession, logger: Logger): Promise<void> {
  const { accountId, handle, redis } = session;
  const bullPrefix = session.engine.orders.prefix;
  let engineStopped = true;
  try {
    await session.engine.close();
  } catch (err) {
    logger.error({ err }, 'error while stopping the engine');
    engineStopped = false;
  }
  if (handle.ephemeral === true && engineStopped) {
    await discardAccountState(redis, accountId, bullPrefix).catch((err: unknown) =>
      logger.warn({ err, accountId }, 'could not discard the paper account state'),
    );
  }
  await session.close();
}
