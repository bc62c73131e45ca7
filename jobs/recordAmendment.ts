import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { OrderContext } from './OrderContext.ts';
import { claimOrKeep } from './orderNoClaims.ts';

/**
 * Records an accepted amendment: the new order number becomes the live one (and is claimed), the price and the
 * amend clock move, the pending mark is cleared, and an `amended` event is pushed.
 */
export async function recordAmendment(
  ctx: OrderContext,
  id: string,
  a: { readonly fromOrderNo: string; readonly toOrderNo: string; readonly at: number },
): Promise<LedgerRecord | undefined> {
  const res = await claimOrKeep(ctx, id, () =>
    ctx.ledger.update(id, (cur) => {
      if (cur.orderNo !== a.fromOrderNo || cur.orderNos.includes(a.toOrderNo)) return undefined;
      const p = cur.pending;
      const toPrice = p?.toPrice ?? cur.price;
      const qty = p?.qty ?? cur.qty - cur.filledQty;
      const { pending: _p, ...rest } = cur;
      return {
        ...rest,
        orderNo: a.toOrderNo,
        orderNos: [...cur.orderNos, a.toOrderNo],
        price: toPrice,
        lastPlacedAt: a.at,
        amendments: [
          ...cur.amendments,
          { at: a.at, fromOrderNo: a.fromOrderNo, toOrderNo: a.toOrderNo, fromPrice: cur.price, toPrice, qty },
        ],
      };
    }),
  );
  if (res === undefined || !res.changed) return undefined;
  const r = res.after;
  const last = r.amendments[r.amendments.length - 1];
  await ctx.emit({
    type: 'amended',
    planId: r.planId,
    side: r.side,
    code: r.code,
    name: r.name,
    round: r.round,
    fromOrderNo: a.fromOrderNo,
    toOrderNo: a.toOrderNo,
    fromPrice: last?.fromPrice ?? 0,
    toPrice: last?.toPrice ?? r.price,
    qty: last?.qty ?? 0,
    amendCount: r.amendments.length,
  });
  return r;
}
