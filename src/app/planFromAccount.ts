import type { Broker } from '../broker/Broker.ts';
import { PlanError } from '../domain/PlanError.ts';
import { planRebalance } from '../domain/planRebalance.ts';
import type { FeeRates, Plan, PriceQuote, RebalanceSettings } from '../domain/types.ts';
import { PlanRefusedError } from './errors/PlanRefusedError.ts';

/**
 * Plans from the broker's account now: orderable cash, holdings, and quotes of added codes not held. A plan the
 * planner refuses (weights over 100%, an unknown code...) throws PlanRefusedError; broker errors pass through.
 */
export async function planFromAccount(broker: Broker, settings: RebalanceSettings, fees: FeeRates): Promise<Plan> {
  const account = await broker.getAccount();
  const held = new Set(account.positions.map((p) => p.code));
  const quotes: PriceQuote[] = [];
  for (const code of settings.added) {
    if (held.has(code)) continue;
    const q = await broker.getQuote(code);
    quotes.push({ code, name: q.name, price: q.price });
  }
  try {
    return planRebalance({
      account: {
        deposit: account.orderableCash,
        positions: account.positions.map((p) => ({
          code: p.code,
          name: p.name,
          qty: p.qty,
          price: p.price,
          sellableQty: p.sellableQty,
        })),
      },
      quotes,
      settings,
      fees,
    });
  } catch (err) {
    if (err instanceof PlanError) throw new PlanRefusedError(err.message, { cause: err });
    throw err;
  }
}
