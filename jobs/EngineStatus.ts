import type { Side } from '../src/domain/types.ts';
import type { HaltInfo } from '../src/store/HaltFlag.ts';
import type { PhaseState, PlanStatus } from '../src/store/PlanStore.ts';
import type { OrderContext } from './OrderContext.ts';

/** What status() reports. */
export interface EngineStatus {
  readonly accountId: string;
  readonly running: boolean;
  readonly halted?: HaltInfo;
  readonly plan?: {
    readonly id: string;
    readonly status: PlanStatus;
    readonly phases: Readonly<Record<Side, PhaseState>>;
  };
  /** Records of the account not final yet (queued, at the broker, or unknown). */
  readonly liveOrders: number;
  /** Next cron firing of each phase (holidays not filtered), when scheduled. */
  readonly nextRuns?: Readonly<Record<Side, Date | null>>;
}

/** The account's engine state as the stores hold it; `running` and `nextRuns` come from the Engine. */
export async function readEngineStatus(
  ctx: OrderContext,
  engine: { readonly running: boolean; readonly nextRuns?: Readonly<Record<Side, Date | null>> | undefined },
): Promise<EngineStatus> {
  const plans = ctx.plans;
  const [halted, plan, live] = await Promise.all([ctx.halt.get(), plans.getActive(), ctx.ledger.listLive()]);
  const phases =
    plan === undefined
      ? undefined
      : { sell: await plans.getPhase(plan.id, 'sell'), buy: await plans.getPhase(plan.id, 'buy') };
  return {
    accountId: ctx.accountId,
    running: engine.running,
    ...(halted !== undefined ? { halted } : {}),
    ...(plan !== undefined && phases !== undefined ? { plan: { id: plan.id, status: plan.status, phases } } : {}),
    liveOrders: live.length,
    ...(engine.nextRuns !== undefined ? { nextRuns: engine.nextRuns } : {}),
  };
}
