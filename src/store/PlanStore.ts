import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { OrderType } from '../domain/OrderType.ts';
import type { Plan, PlanLeg, RebalanceSettings, Side } from '../domain/types.ts';
import { PlanStateError } from './errors/PlanStateError.ts';
import { type AccountKeys, accountKeys, assertId } from './keys.ts';
import { planScripts } from './planScripts.ts';

/**
 * Plans of one account in Redis: each by id with a content hash (an approval names both, so a button pressed for
 * an older preview cannot approve a different plan), the account's one active plan, the plan's status and the
 * state of each phase (compare-and-set, so a phase starts and ends exactly once even when two polls overlap).
 */

/** pending: previewed, not approved; active: approved and running; halted: kill switch; done; cancelled. */
export type PlanStatus = 'pending' | 'active' | 'halted' | 'done' | 'cancelled';

/** Lifecycle of one side of a plan: pending -> waiting (for its start time / the sells) -> running -> done. */
export type PhaseState = 'pending' | 'waiting' | 'running' | 'done';

/** What a plan is stored with. */
export interface PlanMeta {
  /** The settings the plan was made from (the buy resize needs cashPct). */
  readonly settings?: RebalanceSettings;
  readonly orderType?: OrderType;
  /** A pending plan can no longer be approved after this long (ms). */
  readonly approvalTtlMs?: number;
  /** Use this id instead of a new one. */
  readonly id?: string;
}

/** A plan as stored, with its hash, status and the settings it was made from. */
export interface StoredPlan {
  readonly id: string;
  /** sha256 of the canonical JSON of { plan, settings, orderType } as saved (legs replaced later do not change it). */
  readonly hash: string;
  readonly createdAt: number;
  /** Epoch ms after which a pending plan cannot be approved. */
  readonly expiresAt?: number;
  readonly approvedAt?: number;
  readonly status: PlanStatus;
  /** The plan, with any legs replaced since (the buy legs re-sized at its start: casPhase, replaceLegs). */
  readonly plan: Plan;
  readonly settings?: RebalanceSettings;
  readonly orderType: OrderType;
}

/** Outcome of an approval: the now active plan, or why nothing changed. */
export type ApproveResult =
  | { readonly ok: true; readonly plan: StoredPlan }
  | {
      readonly ok: false;
      readonly reason: 'missing' | 'hash-mismatch' | 'not-pending' | 'expired' | 'other-active';
      readonly detail?: string;
    };

const PHASE_STATES: readonly PhaseState[] = ['pending', 'waiting', 'running', 'done'];

/** The plans of one account (see the module comment). */
export class PlanStore {
  readonly keys: AccountKeys;

  constructor(
    private readonly redis: Redis,
    readonly accountId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = accountKeys(accountId);
  }

  /** Stores a plan as `pending` under a new id (or meta.id); returns it with its content hash. */
  async save(plan: Plan, meta: PlanMeta = {}): Promise<StoredPlan> {
    const id = meta.id ?? newPlanId(this.now());
    assertId('plan id', id);
    const orderType = meta.orderType ?? 'limit';
    if (orderType !== 'limit' && orderType !== 'market') throw new RangeError(`bad order type: ${String(orderType)}`);
    const hash = planHash(plan, meta.settings, orderType);
    const createdAt = this.now();
    const data = { plan, settings: meta.settings, orderType, createdAt };
    const fields: Record<string, string> = { data: JSON.stringify(data), hash, status: 'pending' };
    if (meta.approvalTtlMs !== undefined) fields.expiresAt = String(createdAt + meta.approvalTtlMs);
    const created = await this.redis.hsetnx(this.keys.plan(id), 'data', fields.data ?? '');
    if (created === 0) throw new PlanStateError(`plan ${id} already exists`);
    await this.redis.hset(this.keys.plan(id), fields);
    const stored = await this.get(id);
    if (stored === undefined) throw new PlanStateError(`plan ${id} vanished while being saved`);
    return stored;
  }

  /** The plan with this id, or undefined. */
  async get(id: string): Promise<StoredPlan | undefined> {
    assertId('plan id', id);
    // One cheap EXISTS beside the read: the older copies are read (and moved) only when a plan still has one.
    const [h, olderCopies] = await Promise.all([
      this.redis.hgetall(this.keys.plan(id)),
      this.redis.exists(this.keys.olderLegsCopy(id, 'sell'), this.keys.olderLegsCopy(id, 'buy')),
    ]);
    if (h.data === undefined || h.hash === undefined || h.status === undefined) return undefined;
    const data = JSON.parse(h.data) as {
      plan: Plan;
      settings?: RebalanceSettings;
      orderType: OrderType;
      createdAt: number;
    };
    let plan = data.plan;
    if (h['legs:sell'] !== undefined) plan = { ...plan, sells: JSON.parse(h['legs:sell']) as PlanLeg[] };
    if (h['legs:buy'] !== undefined) plan = { ...plan, buys: JSON.parse(h['legs:buy']) as PlanLeg[] };
    if (olderCopies > 0) {
      const [olderSell, olderBuy] = await Promise.all([
        this.redis.hgetall(this.keys.olderLegsCopy(id, 'sell')),
        this.redis.hgetall(this.keys.olderLegsCopy(id, 'buy')),
      ]);
      if (Object.keys(olderSell).length > 0)
        plan = { ...plan, sells: await this.adoptOlderLegs(id, 'sell', plan.sells, olderSell) };
      if (Object.keys(olderBuy).length > 0)
        plan = { ...plan, buys: await this.adoptOlderLegs(id, 'buy', plan.buys, olderBuy) };
    }
    return {
      id,
      hash: h.hash,
      createdAt: data.createdAt,
      ...(h.expiresAt !== undefined ? { expiresAt: Number(h.expiresAt) } : {}),
      ...(h.approvedAt !== undefined ? { approvedAt: Number(h.approvedAt) } : {}),
      status: h.status as PlanStatus,
      plan,
      ...(data.settings !== undefined ? { settings: data.settings } : {}),
      orderType: data.orderType,
    };
  }

  /**
   * Approves a pending plan if `hash` is its content hash, it has not expired, and no other plan is active; it
   * becomes the account's active plan. Anything else changes nothing and says why.
   */
  async approve(id: string, hash: string): Promise<ApproveResult> {
    assertId('plan id', id);
    const res = String(
      await planScripts.approve.run(this.redis, [this.keys.plan(id), this.keys.activePlan], [id, hash, this.now()]),
    );
    if (res === 'ok') {
      const plan = await this.get(id);
      if (plan === undefined) return { ok: false, reason: 'missing' };
      return { ok: true, plan };
    }
    const [reason, detail] = res.split(':') as [ApproveResult extends { reason: infer R } ? R : never, string?];
    return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
  }

  /** The account's active (or halted) plan, if any. */
  async getActive(): Promise<StoredPlan | undefined> {
    const id = await this.redis.get(this.keys.activePlan);
    return id === null ? undefined : this.get(id);
  }

  /**
   * Sets a plan's status, only from one of `from` when given. `done` and `cancelled` release the account's active
   * plan slot. Throws PlanStateError when the plan is missing or in another status.
   */
  async setStatus(id: string, status: PlanStatus, from: readonly PlanStatus[] = []): Promise<void> {
    assertId('plan id', id);
    const res = String(
      await planScripts.setStatus.run(
        this.redis,
        [this.keys.plan(id), this.keys.activePlan],
        [id, status, from.join(',')],
      ),
    );
    if (res !== 'ok') throw new PlanStateError(`cannot set plan ${id} to ${status}: ${res}`);
  }

  /** State of one phase of a plan (`pending` until set). */
  async getPhase(id: string, side: Side): Promise<PhaseState> {
    assertId('plan id', id);
    return ((await this.redis.hget(this.keys.planPhases(id), side)) ?? 'pending') as PhaseState;
  }

  /**
   * Moves a phase from `from` to `to` if it is in `from` now; true when this call made the change. `legs` (the buy
   * legs re-sized at its start) are stored as the side's legs in the same atomic step, only when the move is made and
   * only from a phase that has not started: a racing or repeated start that loses the move changes nothing.
   */
  async casPhase(
    id: string,
    side: Side,
    from: PhaseState,
    to: PhaseState,
    legs?: readonly PlanLeg[],
  ): Promise<boolean> {
    assertId('plan id', id);
    if (!PHASE_STATES.includes(from) || !PHASE_STATES.includes(to))
      throw new RangeError(`bad phase state ${from} -> ${to}`);
    if (legs !== undefined && from !== 'pending' && from !== 'waiting')
      throw new RangeError(`legs change only before a phase starts, not from ${from}`);
    const json = legs === undefined ? '' : legsJson(legs);
    const keys = [this.keys.planPhases(id), this.keys.plan(id)];
    return (await planScripts.casPhase.run(this.redis, keys, [side, from, to, Date.now(), json])) === 1;
  }

  /**
   * Epoch ms when the phase was moved to `running` (no order of it can be older), or undefined when it never was
   * or the stamp is missing (a phase started before this was recorded).
   */
  async phaseRunningSince(id: string, side: Side): Promise<number | undefined> {
    assertId('plan id', id);
    const v = await this.redis.hget(this.keys.planPhases(id), `${side}:runningSince`);
    const n = v === null ? Number.NaN : Number(v);
    return Number.isSafeInteger(n) ? n : undefined;
  }

  /**
   * Replaces the legs of one side (the buy legs re-sized to the cash at buy time). Allowed only while that phase has
   * not started running (pending or waiting), checked in the same atomic step as the write: the legs of a running
   * phase never change, so its rounds are always measured against the legs they were queued from. The content hash
   * stays the one that was approved.
   */
  async replaceLegs(id: string, side: Side, legs: readonly PlanLeg[]): Promise<void> {
    assertId('plan id', id);
    const json = legsJson(legs);
    const res = String(
      await planScripts.replaceLegs.run(this.redis, [this.keys.planPhases(id), this.keys.plan(id)], [side, json]),
    );
    if (res !== 'ok') throw new PlanStateError(`cannot replace the ${side} legs of plan ${id}: the phase is ${res}`);
  }

  /**
   * A plan left by a version that kept a second copy of its legs (`olderLegsCopy`, first write wins): the rounds
   * were queued and sized from that copy, and the plan's own could differ (that version's re-size could land after
   * the phase had started). The older copy's quantities and rounds win, and are moved into the plan in one step, so
   * from the first read on the plan holds the one copy the rounds are measured against.
   */
  private async adoptOlderLegs(
    id: string,
    side: Side,
    planLegs: readonly PlanLeg[],
    older: Record<string, string>,
  ): Promise<PlanLeg[]> {
    const legs = planLegs.map((leg) => {
      const copy = older[leg.code];
      if (copy === undefined) return leg;
      const { qty, rounds } = JSON.parse(copy) as Pick<PlanLeg, 'qty' | 'rounds'>;
      return { ...leg, qty, rounds: [...rounds] };
    });
    await planScripts.adoptOlderLegs.run(
      this.redis,
      [this.keys.plan(id), this.keys.olderLegsCopy(id, side)],
      [side, legsJson(legs)],
    );
    return legs;
  }

  /**
   * The legs of one side as stored (with any replacement: the buy legs re-sized at its start), in the plan's order;
   * empty when the plan is not stored. The one copy of a plan's legs: the rounds' quantities are measured against it.
   */
  async getLegs(id: string, side: Side): Promise<readonly PlanLeg[]> {
    const plan = (await this.get(id))?.plan;
    return (side === 'sell' ? plan?.sells : plan?.buys) ?? [];
  }
}

/** The legs as stored, after checking each leg's rounds add up to its quantity (RangeError otherwise). */
function legsJson(legs: readonly PlanLeg[]): string {
  for (const leg of legs) {
    const sum = leg.rounds.reduce((a, b) => a + b, 0);
    if (!Number.isSafeInteger(leg.qty) || leg.qty < 0 || sum !== leg.qty) {
      throw new RangeError(`leg ${leg.code}: rounds must sum to its quantity ${leg.qty}`);
    }
  }
  return JSON.stringify(legs);
}

/** A new plan id: `p` + KST date and time + random suffix, e.g. `p20260302-091000-3fa2c1`. */
export function newPlanId(now: number = Date.now()): string {
  const kst = new Date(now + 9 * 3600_000).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ shifted to KST
  const stamp = `${kst.slice(0, 4)}${kst.slice(5, 7)}${kst.slice(8, 10)}-${kst.slice(11, 13)}${kst.slice(14, 16)}${kst.slice(17, 19)}`;
  return `p${stamp}-${randomBytes(3).toString('hex')}`;
}

/** sha256 (hex) of the canonical JSON (keys sorted) of what a plan was approved as. */
export function planHash(plan: Plan, settings: RebalanceSettings | undefined, orderType: OrderType): string {
  return createHash('sha256')
    .update(canonicalJson({ plan, settings: settings ?? null, orderType }))
    .digest('hex');
}

/** JSON with object keys sorted at every level, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
