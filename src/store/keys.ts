import { isStockCode } from '../domain/stockCode.ts';
import type { Side, StockCode } from '../domain/types.ts';
import { InvalidIdError } from './errors/InvalidIdError.ts';

/**
 * Names of everything the engine keeps in Redis and BullMQ for one account. Every key of an account lives under
 * `rb:{accountId}:` so an account (or a test) can be inspected and cleaned as a unit.
 *
 * Ids (account ids, plan ids) are restricted to `[A-Za-z0-9_-]`: they become parts of Redis keys (where `:` is the
 * separator) and of BullMQ job ids (which must not contain `:`).
 */

/** What an account id or a plan id may look like. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws InvalidIdError unless `id` matches ID_PATTERN. */
export function assertId(kind: string, id: string): void {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new InvalidIdError(`${kind} must be 1-64 characters of A-Z a-z 0-9 _ -: ${JSON.stringify(id)}`);
  }
}

/** Identifies one ledger record: a round of a leg of a plan; `seq` > 0 for a follow-up order of that round. */
export interface RecordRef {
  readonly planId: string;
  readonly side: Side;
  readonly code: StockCode;
  readonly round: number;
  /** 0 (or absent) for the round's own order; 1, 2, ... for follow-ups (a remainder re-sent as a market order). */
  readonly seq?: number | undefined;
}

/**
 * The record id: `{planId}-{side}-{code}-r{round}` (`-m{seq}` for follow-ups). Free of `:` and never all digits,
 * so it is usable inside BullMQ job ids as well as Redis keys.
 */
export function recordId(ref: RecordRef): string {
  assertId('plan id', ref.planId);
  if (ref.side !== 'buy' && ref.side !== 'sell') throw new InvalidIdError(`side must be buy or sell: ${ref.side}`);
  if (typeof ref.code !== 'string' || !isStockCode(ref.code))
    throw new InvalidIdError(`not a stock code: ${JSON.stringify(ref.code)}`);
  if (!Number.isSafeInteger(ref.round) || ref.round < 1) throw new InvalidIdError(`round must be >= 1: ${ref.round}`);
  const seq = ref.seq ?? 0;
  if (!Number.isSafeInteger(seq) || seq < 0) throw new InvalidIdError(`seq must be >= 0: ${seq}`);
  return `${ref.planId}-${ref.side}-${ref.code}-r${ref.round}${seq > 0 ? `-m${seq}` : ''}`;
}

/** Job id of an order job: `{kind}-{recordId}` plus a suffix that makes repeats of one decision collide. */
export function orderJobId(kind: 'place' | 'amend' | 'cancel' | 'market', id: string, suffix?: string): string {
  return suffix === undefined ? `${kind}-${id}` : `${kind}-${id}-${suffix}`;
}

/** BullMQ queue of every order request of the account (place, amend, cancel): one pacing for all of them. */
export function orderQueueName(accountId: string): string {
  assertId('account id', accountId);
  return `orders-${accountId}`;
}

/** BullMQ queue of the account's control jobs (poll scheduler, phase starts). */
export function controlQueueName(accountId: string): string {
  assertId('account id', accountId);
  return `control-${accountId}`;
}

/** Default BullMQ key prefix (tests pass their own). */
export const DEFAULT_BULL_PREFIX = 'rb';

/** The Redis keys of one account. */
export function accountKeys(accountId: string) {
  assertId('account id', accountId);
  const base = `rb:${accountId}:`;
  return {
    /** Prefix of every key of the account (for cleaning up). */
    prefix: base,
    /** One ledger record (JSON + version hash). */
    record: (id: string) => `${base}rec:${id}`,
    /** Sorted set of a plan's record ids, scored by creation order. */
    planRecords: (planId: string) => `${base}plan:${planId}:records`,
    /**
     * The second copy of a plan's legs that versions before the single copy kept (first write wins, what the rounds
     * were sized against). Only read, to move it into the plan (PlanStore.get); never written.
     */
    olderLegsCopy: (planId: string, side: Side) => `${base}plan:${planId}:legs:${side}`,
    /** Short lock held while a round of the leg computes its quantity and claims its record. */
    legLock: (planId: string, side: Side, code: StockCode) => `${base}plan:${planId}:leglock:${side}:${code}`,
    /** Set of the ids of records that are not final (across plans). */
    liveRecords: `${base}ledger:live`,
    /**
     * Hash orderNo -> record id: the order numbers the ledger claimed on one KST day (`YYYYMMDD`, see orderNoDay).
     * Kiwoom order numbers restart every trading day, so an index across days would refuse the second day's orders.
     */
    orderNos: (day: string) => `${base}ledger:ordernos:${day}`,
    /** A stored plan (JSON). */
    plan: (planId: string) => `${base}plan:${planId}`,
    /** Hash side -> phase state of a plan. */
    planPhases: (planId: string) => `${base}plan:${planId}:phases`,
    /** Id of the account's active plan. */
    activePlan: `${base}active-plan`,
    /** The event outbox stream. */
    events: `${base}events`,
    /** Epoch ms (Redis clock) when the last order request was let through. */
    lastOrderAt: `${base}last-order-at`,
    /** Kill switch flag (JSON { at, reason }). */
    halted: `${base}halted`,
  };
}

/**
 * How long a day's order number index is kept (4 days): it is only ever read on its own day, but a restart or an
 * investigation the next morning (or after a weekend) may still want to see who owned which number.
 */
export const ORDER_NO_INDEX_TTL_MS = 4 * 24 * 3600 * 1000;

/** The key map returned by accountKeys. */
export type AccountKeys = ReturnType<typeof accountKeys>;
