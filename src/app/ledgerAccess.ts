import type { OrderContext } from '../../jobs/OrderContext.ts';
import type { AccountSession } from './openAccount.ts';
import type { LedgerSession } from './openLedger.ts';

/** Where records are settled by hand: an open account (the bot, the rebalance run) or the ledger alone (npm run ledger). */
export type LedgerAccess = Pick<AccountSession, 'engine'> | Pick<LedgerSession, 'orders'>;

/** The order context behind either kind of access. */
export function ledgerContext(access: LedgerAccess): OrderContext {
  return 'engine' in access ? access.engine.orders : access.orders;
}
