import { awaitsPerson, resolveByOrderNo, resolveNotPlaced } from '../../jobs/manualResolve.ts';
import { FINAL_STATES, type LedgerRecord } from '../domain/LedgerRecord.ts';
import type { ResolveResult } from '../domain/ResolveResult.ts';
import { type LedgerAccess, ledgerContext } from './ledgerAccess.ts';
import { type LedgerEntry, listLedgerEntries } from './ledgerEntries.ts';

/**
 * The records that wait for a person (`unknown`, or holding an order number they could not claim), each with the
 * broker's candidate orders (`npm run ledger -- list`, `/ledger`).
 */
export function listAwaitingPerson(access: LedgerAccess, now: number = Date.now()): Promise<LedgerEntry[]> {
  return listLedgerEntries(access, { all: false }, now);
}

/** A person says record `id`'s request became broker order `orderNo` (checked against the broker's lists). */
export function adoptBrokerOrder(access: LedgerAccess, id: string, orderNo: string): Promise<ResolveResult> {
  return resolveByOrderNo(ledgerContext(access), id, orderNo);
}

/** A person says record `id`'s request never became an order; without `confirm` only says what would happen. */
export function markNeverPlaced(access: LedgerAccess, id: string, confirm: boolean): Promise<ResolveResult> {
  return resolveNotPlaced(ledgerContext(access), id, confirm);
}

/**
 * The records of plan `planId` that hold it, when every one of them waits on a person (unknown, and no automatic
 * resolution is possible, see awaitsPerson); empty while the engine can still settle any of them itself (or none
 * is left). The run keeps waiting either way: the engine goes on as soon as they are settled.
 */
export async function planAwaitingPerson(
  access: LedgerAccess,
  planId: string,
  now: number = Date.now(),
): Promise<LedgerRecord[]> {
  const ctx = ledgerContext(access);
  const live = (await ctx.ledger.listByPlan(planId)).filter((r) => !FINAL_STATES.has(r.state));
  if (live.length === 0 || !live.every((r) => awaitsPerson(r, now, ctx.settings.settleMs))) return [];
  return live;
}
