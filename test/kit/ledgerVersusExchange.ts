import type { EngineEnv } from './EngineEnv.ts';

/**
 * The ledger and the exchange agree: every new order at the exchange belongs to exactly one ledger record, and each
 * record's first order number is an exchange order of the same code, side, quantity and price it recorded.
 * Returns a list of disagreements (empty when they agree).
 */
export async function ledgerVersusExchange(env: EngineEnv): Promise<string[]> {
  const problems: string[] = [];
  const planIds = await scanPlanIds(env);
  const owners = new Map<string, string>();
  for (const planId of planIds) {
    for (const r of await env.ctx.ledger.listByPlan(planId)) {
      for (const no of r.orderNos) {
        if (owners.has(no)) problems.push(`order ${no} owned by ${owners.get(no)} and ${r.id}`);
        owners.set(no, r.id ?? '?');
      }
      const first = r.orderNos[0];
      if (first === undefined) continue;
      const o = env.server.exchange.order(first);
      if (o === undefined) {
        problems.push(`${r.id}: order ${first} not at the exchange`);
        continue;
      }
      if (o.code !== r.code || o.side !== r.side || o.qty !== r.qty) {
        problems.push(`${r.id}: ledger ${r.side} ${r.code} ${r.qty} vs exchange ${o.side} ${o.code} ${o.qty}`);
      }
      const firstPrice = r.amendments[0]?.fromPrice ?? r.price;
      if ((r.orderType ?? 'limit') === 'limit' && o.price !== firstPrice) {
        problems.push(`${r.id}: ledger price ${firstPrice} vs exchange ${o.price}`);
      }
    }
  }
  for (const o of env.server.exchange.orders()) {
    if (o.kind === 'new' && !owners.has(o.orderNo)) problems.push(`exchange order ${o.orderNo} not in the ledger`);
  }
  return problems;
}

/** Every plan with ledger records on the account, found by key: plans a test did not save itself count too. */
async function scanPlanIds(env: EngineEnv): Promise<string[]> {
  const prefix = `${env.ctx.ledger.keys.prefix}plan:`;
  const out = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await env.ctx.redis.scan(cursor, 'MATCH', `${prefix}*:records`, 'COUNT', 200);
    cursor = next;
    for (const k of keys) out.add(k.slice(prefix.length, -':records'.length));
  } while (cursor !== '0');
  return [...out];
}
