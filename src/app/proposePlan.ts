import type { Plan } from '../domain/types.ts';
import type { AccountSettings } from '../schemas/accountSettingsSchema.ts';
import { LatestPreview } from '../store/LatestPreview.ts';
import type { StoredPlan } from '../store/PlanStore.ts';
import type { AccountSession } from './openAccount.ts';
import { planFromAccount } from './planFromAccount.ts';
import type { AccountSettingsService } from './settings.ts';

/** How long a preview can be approved by default (issue 8: 10 minutes). */
export const DEFAULT_APPROVAL_TTL_MS = 10 * 60_000;

/** A plan proposed from the live account and stored `pending`, ready to preview and approve by id + hash. */
export interface ProposedPlan {
  readonly id: string;
  readonly hash: string;
  readonly plan: Plan;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** The settings it was made from, and their revision (an approval needs them unchanged). */
  readonly settings: AccountSettings;
  readonly settingsRev: number;
}

/**
 * Plans from the live account with the account's current settings, stores the plan `pending` (with its settings and
 * an approval deadline) and makes it the account's newest preview, superseding any earlier one. Throws
 * PlanRefusedError when the planner refuses the settings (nothing stored); broker errors pass through.
 */
export async function proposePlan(
  session: Pick<AccountSession, 'accountId' | 'broker' | 'fees' | 'redis' | 'engine'>,
  settingsService: AccountSettingsService,
  options: { readonly approvalTtlMs?: number } = {},
): Promise<ProposedPlan> {
  const { settings, rev } = await settingsService.get();
  const plan = await planFromAccount(session.broker, settings.rebalance, session.fees);
  const stored = await session.engine.orders.plans.save(plan, {
    settings: settings.rebalance,
    orderType: settings.orderType,
    approvalTtlMs: options.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS,
  });
  await new LatestPreview(session.redis, session.accountId).set({ planId: stored.id, settingsRev: rev });
  return {
    id: stored.id,
    hash: stored.hash,
    plan: stored.plan,
    createdAt: stored.createdAt,
    expiresAt: stored.expiresAt ?? stored.createdAt + (options.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS),
    settings,
    settingsRev: rev,
  };
}

/** A stored plan as a preview shows it. */
export interface PreviewedPlan {
  readonly id: string;
  readonly hash: string;
  readonly plan: Plan;
  readonly status: 'pending' | 'active' | 'halted' | 'done' | 'cancelled';
  readonly createdAt: number;
  readonly expiresAt?: number;
  readonly approvedAt?: number;
}

/** The stored plan `id` (any status), or undefined. */
export async function getPlan(session: Pick<AccountSession, 'engine'>, id: string): Promise<PreviewedPlan | undefined> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return undefined;
  const s = await session.engine.orders.plans.get(id);
  return s === undefined ? undefined : previewedPlan(s);
}

/** The values of a stored plan a face shows. */
export function previewedPlan(s: StoredPlan): PreviewedPlan {
  return {
    id: s.id,
    hash: s.hash,
    plan: s.plan,
    status: s.status,
    createdAt: s.createdAt,
    ...(s.expiresAt !== undefined ? { expiresAt: s.expiresAt } : {}),
    ...(s.approvedAt !== undefined ? { approvedAt: s.approvedAt } : {}),
  };
}
