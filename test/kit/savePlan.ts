import type { PlanLeg } from '../../src/domain/types.ts';
import type { EngineEnv } from './EngineEnv.ts';

/** Saves a plan with these sell/buy legs and returns its id. */
export async function savePlan(env: EngineEnv, sells: PlanLeg[], buys: PlanLeg[] = []): Promise<string> {
  const saved = await env.ctx.plans.save({
    sells,
    buys,
    excluded: [],
    projected: { weights: {}, cash: 0 },
    totalValue: 0,
    estimatedCosts: 0,
  });
  return saved.id;
}
