import type { EngineEnv } from './EngineEnv.ts';

/** Every record of the plan is settled as far as sending goes (nothing queued, sending or unknown). */
export async function allSent(env: EngineEnv, planId: string): Promise<boolean> {
  const recs = await env.ctx.ledger.listByPlan(planId);
  return recs.length > 0 && recs.every((r) => !['queued', 'sending', 'unknown'].includes(r.state));
}
