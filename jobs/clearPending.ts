import type { OrderContext } from './OrderContext.ts';

/** Removes a record's pending mark (the amend or cancel is settled one way or the other). */
export async function clearPending(ctx: OrderContext, id: string): Promise<void> {
  await ctx.ledger.update(id, (cur) => {
    if (cur.pending === undefined) return undefined;
    const { pending: _p, ...rest } = cur;
    return rest;
  });
}
