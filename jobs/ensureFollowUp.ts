import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import { orderJobId, recordId } from '../src/store/keys.ts';
import { ensureOrderJob, type OrderContext } from './OrderContext.ts';

/**
 * For a cancelled record that asked for it (AMEND_POLICY=market): a follow-up record (`-m{seq}`) for the unfilled
 * rest as a market order, queued with its place job. Idempotent: the follow-up is created once.
 */
export async function ensureFollowUp(ctx: OrderContext, rec: LedgerRecord): Promise<string | undefined> {
  if (rec.followUp !== 'market' || rec.state !== 'cancelled') return undefined;
  const rest = rec.qty - rec.filledQty;
  if (rest <= 0) return undefined;
  const seq = (rec.seq ?? 0) + 1;
  const created = await ctx.ledger.create({
    planId: rec.planId,
    side: rec.side,
    code: rec.code,
    name: rec.name,
    round: rec.round,
    seq,
    isLastRound: false,
    plannedQty: rest,
    orderType: 'market',
    order: Date.now(),
  });
  const id = created.record.id ?? recordId(created.record);
  // No priority: like the market job that asked for it, it goes before the rounds still waiting.
  if (created.record.state === 'queued')
    await ensureOrderJob(ctx, orderJobId('place', id), { kind: 'place', recordId: id });
  return id;
}
