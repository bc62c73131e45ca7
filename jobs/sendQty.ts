import { UnrecoverableError } from 'bullmq';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import { legPlacedQty, roundSendQty } from '../src/domain/remainingLegQty.ts';
import type { OrderContext } from './OrderContext.ts';

/** Shares this record sends now (see roundSendQty), from the leg total and what the leg's other records placed. */
export async function sendQty(ctx: OrderContext, rec: LedgerRecord): Promise<number> {
  const leg = (await ctx.plans.getLegs(rec.planId, rec.side)).find((l) => l.code === rec.code);
  if (leg === undefined) throw new UnrecoverableError(`no ${rec.side} leg ${rec.code} stored for plan ${rec.planId}`);
  const others = (await ctx.ledger.listLeg(rec.planId, rec.side, rec.code)).filter((r) => r.id !== rec.id);
  return roundSendQty({
    legTotal: leg.qty,
    placedByOthers: legPlacedQty(others),
    plannedQty: rec.plannedQty,
    isLastRound: rec.isLastRound,
  });
}
