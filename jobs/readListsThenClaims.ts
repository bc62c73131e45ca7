import type { Execution } from '../src/domain/Execution.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { OpenOrder } from '../src/domain/OpenOrder.ts';
import type { OrderContext } from './OrderContext.ts';

/**
 * The broker's open and executed lists, THEN the order numbers claimed today and the numbers of the record's leg.
 * Read in this order so that every claim made before the lists were read is seen: read at the same time, a claim
 * read first could miss an identical round that the worker placed and claimed meanwhile, whose order the lists
 * then show, and the record would adopt another round's order. `inFlight`: another record of the leg whose request
 * is out without an answer (`sending`) may own an order the lists show but no claim names yet.
 */
export async function readListsThenClaims(
  ctx: OrderContext,
  rec: LedgerRecord,
): Promise<{
  openOrders: OpenOrder[];
  executions: Execution[];
  claimed: Set<string>;
  inFlight: LedgerRecord[];
}> {
  const [openOrders, executions] = await Promise.all([ctx.broker.getOpenOrders(), ctx.broker.getExecutions()]);
  const siblings = (await ctx.ledger.listLeg(rec.planId, rec.side, rec.code)).filter((r) => r.id !== rec.id);
  const claimed = await ctx.ledger.claimedOrderNos();
  const inFlight = siblings.filter((r) => r.state === 'sending');
  return { openOrders, executions, claimed, inFlight };
}
