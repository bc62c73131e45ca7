import type { Redis } from 'ioredis';
import type { FillTotals } from '../domain/FillTotals.ts';
import { FINAL_STATES, type LedgerRecord, type LedgerState } from '../domain/LedgerRecord.ts';
import { orderNoDay } from '../domain/orderNoDay.ts';
import type { Side, StockCode } from '../domain/types.ts';
import { LedgerConflictError } from './errors/LedgerConflictError.ts';
import { OrderNoConflictError } from './errors/OrderNoConflictError.ts';
import { type AccountKeys, accountKeys, assertId, ORDER_NO_INDEX_TTL_MS } from './keys.ts';
import { ledgerScripts } from './ledgerScripts.ts';
import { type NewLedgerRecord, newLedgerRecord } from './NewLedgerRecord.ts';
import { newOrderNos } from './newOrderNos.ts';
import { validateLedgerRecord } from './validateLedgerRecord.ts';
import { assertFillTotals, withFillTotals } from './withFillTotals.ts';
import { withLock } from './withLock.ts';

/**
 * The order ledger: one record per (plan, side, code, round) in Redis, the engine's memory of what it sent.
 *
 * Every change is a compare-and-set on the record's version inside a Lua script, so two processes can never both
 * move a record from `queued` to `sending` (the second sees the new version, re-reads, and finds it is no longer
 * queued). Order numbers are claimed in the same script, in an index of the KST day of the claim: no two records can
 * own one order number on one day. Kiwoom numbers restart every trading day, so yesterday's numbers come back today
 * and must not stand in the way of today's orders.
 *
 * Layout (see keys.ts): `rec:{id}` hash {json, ver}; `plan:{planId}:records` sorted set of ids in send order;
 * `ledger:live` set of non-final ids; `ledger:ordernos:{YYYYMMDD}` hash orderNo -> id (expires after
 * ORDER_NO_INDEX_TTL_MS). The legs the rounds are measured against are the plan's (PlanStore), kept nowhere else.
 *
 * The parts: the scripts in ledgerScripts.ts; what a new record starts as in NewLedgerRecord.ts; what may never be
 * stored in validateLedgerRecord.ts; the broker's fill figures applied in withFillTotals.ts; the order numbers a
 * change claims in newOrderNos.ts; the leg's lock in withLock.ts.
 */

/** Result of a state transition: the record before and after, or the current record when it was not moved. */
export type TransitionResult =
  | { readonly ok: true; readonly before: LedgerRecord; readonly record: LedgerRecord }
  | { readonly ok: false; readonly record: LedgerRecord | undefined };

const MAX_CAS_TRIES = 20;

/** The order ledger of one account (see the module comment). */
export class OrderLedger {
  readonly keys: AccountKeys;

  constructor(
    private readonly redis: Redis,
    readonly accountId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = accountKeys(accountId);
  }

  /** Creates the record unless it exists (idempotent). Returns the stored record either way. */
  async create(input: NewLedgerRecord): Promise<{ created: boolean; record: LedgerRecord }> {
    const record = newLedgerRecord(input, this.now());
    const { id, state } = record;
    const live = FINAL_STATES.has(state) ? '0' : '1';
    const created =
      (await ledgerScripts.create.run(
        this.redis,
        [this.keys.record(id), this.keys.planRecords(input.planId), this.keys.liveRecords],
        [JSON.stringify(record), id, input.order, live],
      )) === 1;
    if (created) return { created, record };
    const existing = await this.get(id);
    if (existing === undefined) throw new LedgerConflictError(`record ${id} vanished while being created`);
    return { created, record: existing };
  }

  /** The record with this id, or undefined. */
  async get(id: string): Promise<LedgerRecord | undefined> {
    const json = await this.redis.hget(this.keys.record(id), 'json');
    return json === null ? undefined : parseRecord(json);
  }

  /** The records with these ids, in the same order; missing ones are left out. */
  async getMany(ids: readonly string[]): Promise<LedgerRecord[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hget(this.keys.record(id), 'json');
    const results = (await pipe.exec()) ?? [];
    const out: LedgerRecord[] = [];
    for (const [err, json] of results) {
      if (err) throw err;
      if (typeof json === 'string') out.push(parseRecord(json));
    }
    return out;
  }

  /** Every record of a plan (optionally one side), in send order: round 1 of every leg, then round 2, ... */
  async listByPlan(planId: string, side?: Side): Promise<LedgerRecord[]> {
    assertId('plan id', planId);
    const ids = await this.redis.zrange(this.keys.planRecords(planId), '0', '-1');
    const records = await this.getMany(ids);
    return side === undefined ? records : records.filter((r) => r.side === side);
  }

  /** The records of one leg (plan, side, code), in send order. */
  async listLeg(planId: string, side: Side, code: StockCode): Promise<LedgerRecord[]> {
    return (await this.listByPlan(planId, side)).filter((r) => r.code === code);
  }

  /** Every record of the account that is not final (any plan): what start-up recovery and the poll look at. */
  async listLive(): Promise<LedgerRecord[]> {
    const ids = (await this.redis.smembers(this.keys.liveRecords)).sort();
    return this.getMany(ids);
  }

  /**
   * The record that owns this order number today (original or any amendment), or undefined. Today is the KST day of
   * the ledger's clock, the day of the broker's open and executed lists; `day` (`YYYYMMDD`) asks about another one.
   */
  async findByOrderNo(orderNo: string, day: string = this.today()): Promise<LedgerRecord | undefined> {
    const id = await this.redis.hget(this.keys.orderNos(day), orderNo);
    return id === null ? undefined : this.get(id);
  }

  /**
   * Every order number some record claimed today (for reconciliation: those are never another request's order).
   * The broker's lists hold today's orders only, so today's claims are the ones that can collide with them.
   */
  async claimedOrderNos(day: string = this.today()): Promise<Set<string>> {
    return new Set(await this.redis.hkeys(this.keys.orderNos(day)));
  }

  /** The KST day (`YYYYMMDD`) of the ledger's clock: the order number index claims go to. */
  today(): string {
    return orderNoDay(this.now());
  }

  /**
   * Changes a record with compare-and-set: `fn` gets the current record and returns the new one (or undefined for
   * no change); on a concurrent change it is called again with the fresh record. Order numbers that appear in the
   * new record's `orderNo`/`orderNos` are claimed for it atomically, in today's index (KST day of the ledger's
   * clock). Returns undefined when the record does not exist; `changed` false when `fn` declined. Throws
   * OrderNoConflictError (nothing written) when another record owns one of the numbers today.
   */
  async update(
    id: string,
    fn: (current: LedgerRecord) => LedgerRecord | undefined,
  ): Promise<{ before: LedgerRecord; after: LedgerRecord; changed: boolean } | undefined> {
    const key = this.keys.record(id);
    for (let i = 0; i < MAX_CAS_TRIES; i++) {
      const [json, ver] = await this.redis.hmget(key, 'json', 'ver');
      if (json === null || json === undefined || ver === null || ver === undefined) return undefined;
      const before = parseRecord(json);
      const next = fn(before);
      if (next === undefined) return { before, after: before, changed: false };
      const after: LedgerRecord = { ...next, id, updatedAt: this.now() };
      validateLedgerRecord(after);
      const claims = newOrderNos(before, after);
      const live = FINAL_STATES.has(after.state) ? '0' : '1';
      const day = orderNoDay(after.updatedAt);
      const res = await ledgerScripts.compareAndSet.run(
        this.redis,
        [key, this.keys.liveRecords, this.keys.orderNos(day)],
        [ver, JSON.stringify(after), id, live, ORDER_NO_INDEX_TTL_MS, ...claims],
      );
      if (res === 1) return { before, after, changed: true };
      if (res === -1) return undefined;
      if (Array.isArray(res) && res[0] === -2) throw new OrderNoConflictError(id, String(res[1]), String(res[2]), day);
    }
    throw new LedgerConflictError(`record ${id} kept changing; gave up after ${MAX_CAS_TRIES} tries`);
  }

  /**
   * Moves a record to a new state only if it is in one of `from` now (atomically). `patch` gives the fields to
   * change (including `state`). `ok: false` (with the current record) when the record was in another state.
   */
  async transition(
    id: string,
    from: readonly LedgerState[],
    patch: (current: LedgerRecord) => Partial<LedgerRecord>,
  ): Promise<TransitionResult> {
    const res = await this.update(id, (cur) => (from.includes(cur.state) ? { ...cur, ...patch(cur) } : undefined));
    if (res === undefined) return { ok: false, record: undefined };
    if (!res.changed) return { ok: false, record: res.before };
    return { ok: true, before: res.before, record: res.after };
  }

  /**
   * Like transition, but `next` returns the whole new record, so fields can also be removed (e.g. `sentAt` when a
   * record goes back to `queued`).
   */
  async transitionWith(
    id: string,
    from: readonly LedgerState[],
    next: (current: LedgerRecord) => LedgerRecord,
  ): Promise<TransitionResult> {
    const res = await this.update(id, (cur) => (from.includes(cur.state) ? next(cur) : undefined));
    if (res === undefined) return { ok: false, record: undefined };
    if (!res.changed) return { ok: false, record: res.before };
    return { ok: true, before: res.before, record: res.after };
  }

  /**
   * Sets a record's fill totals from the broker's figures (absolute, so a repeated poll changes nothing). Totals
   * never go backwards: a stale report with fewer filled shares is ignored. The state follows the quantities
   * (`partial` while some are filled, `filled` when all are) unless `totals.state` says otherwise (e.g. `cancelled`
   * when the rest was cancelled). Only records at the broker (open, partial, unknown, sending) are changed.
   * Returns before/after so the caller can report the fill delta; undefined when nothing changed.
   */
  async applyFills(id: string, totals: FillTotals): Promise<{ before: LedgerRecord; after: LedgerRecord } | undefined> {
    assertFillTotals(totals);
    const res = await this.update(id, (cur) => withFillTotals(id, cur, totals));
    return res?.changed ? { before: res.before, after: res.after } : undefined;
  }

  /**
   * Runs `fn` holding the leg's lock (SET NX with a lease of `leaseMs`; released only by its holder). Used so that
   * computing a round's quantity from the leg's other records and claiming the record happen as one step.
   */
  async withLegLock<T>(
    planId: string,
    side: Side,
    code: StockCode,
    fn: () => Promise<T>,
    leaseMs = 10_000,
  ): Promise<T> {
    return withLock(this.redis, this.keys.legLock(planId, side, code), `leg ${planId} ${side} ${code}`, fn, leaseMs);
  }
}

function parseRecord(json: string): LedgerRecord {
  return JSON.parse(json) as LedgerRecord;
}
