import {
  type BrokerCandidate,
  brokerCandidates,
  needsPerson,
  type ResolveResult,
  readBrokerLists,
  resolveByOrderNo,
  resolveNotPlaced,
} from '../../jobs/manualResolve.ts';
import type { Side, StockCode } from '../domain/types.ts';
import type { AccountSession } from './openAccount.ts';

export type { BrokerCandidate, ResolveRefusal, ResolveResult } from '../../jobs/manualResolve.ts';

/** A ledger record that waits for a person, with what the broker lists for it. */
export interface AwaitingRecord {
  readonly id: string;
  readonly planId: string;
  readonly side: Side;
  readonly code: StockCode;
  readonly name: string;
  readonly round: number;
  readonly qty: number;
  readonly price: number;
  readonly sentAt?: number;
  /** The engine's reason it could not settle the record itself. */
  readonly error?: string;
  /** An accepted order number the record could not claim (only it can be adopted). */
  readonly unclaimedOrderNo?: string;
  /** Broker orders that could be its request (empty for an earlier day's record). */
  readonly candidates: readonly BrokerCandidate[];
  /** Set when it was sent on an earlier KST day: today's lists cannot hold its order. */
  readonly earlierDay?: string;
}

/**
 * The records that wait for a person (`unknown`, or holding an order number they could not claim), each with the
 * broker's candidate orders (`npm run ledger -- list`, `/ledger`). The broker's lists are read once.
 */
export async function listAwaitingPerson(
  session: Pick<AccountSession, 'engine'>,
  now: number = Date.now(),
): Promise<AwaitingRecord[]> {
  const ctx = session.engine.orders;
  const records = (await ctx.ledger.listLive()).filter(needsPerson);
  if (records.length === 0) return [];
  const lists = await readBrokerLists(ctx);
  return records.map((r) => {
    const found =
      r.state === 'unknown' && r.unclaimedOrderNo === undefined
        ? brokerCandidates(ctx, r, lists, now)
        : { candidates: [] as BrokerCandidate[] };
    return {
      id: r.id ?? '?',
      planId: r.planId,
      side: r.side,
      code: r.code,
      name: r.name,
      round: r.round,
      qty: r.qty,
      price: r.price,
      ...(r.sentAt !== undefined ? { sentAt: r.sentAt } : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
      ...(r.unclaimedOrderNo !== undefined ? { unclaimedOrderNo: r.unclaimedOrderNo } : {}),
      candidates: found.candidates,
      ...('earlierDay' in found && found.earlierDay !== undefined ? { earlierDay: found.earlierDay } : {}),
    };
  });
}

/** A person says record `id`'s request became broker order `orderNo` (checked against the broker's lists). */
export function adoptBrokerOrder(
  session: Pick<AccountSession, 'engine'>,
  id: string,
  orderNo: string,
): Promise<ResolveResult> {
  return resolveByOrderNo(session.engine.orders, id, orderNo);
}

/** A person says record `id`'s request never became an order; without `confirm` only says what would happen. */
export function markNeverPlaced(
  session: Pick<AccountSession, 'engine'>,
  id: string,
  confirm: boolean,
): Promise<ResolveResult> {
  return resolveNotPlaced(session.engine.orders, id, confirm);
}
