import { type BrokerLists, brokerCandidates, needsPerson, readBrokerLists } from '../../jobs/manualResolve.ts';
import type { BrokerCandidate } from '../domain/BrokerCandidate.ts';
import type { LedgerState } from '../domain/LedgerRecord.ts';
import type { RecordNote } from '../domain/RecordNote.ts';
import { storedRecordNote } from '../domain/storedRecordNote.ts';
import type { Side, StockCode } from '../domain/types.ts';
import { type LedgerAccess, ledgerContext } from './ledgerAccess.ts';

/** A live ledger record as a person settling records sees it, with what the broker lists for it. */
export interface LedgerEntry {
  readonly id: string;
  readonly planId: string;
  readonly state: LedgerState;
  readonly side: Side;
  readonly code: StockCode;
  readonly name: string;
  readonly round: number;
  readonly qty: number;
  readonly price: number;
  readonly filledQty: number;
  readonly sentAt?: number;
  /** The broker order the record owns, if any. */
  readonly orderNo?: string;
  /**
   * The engine's note: why it could not settle the record itself (words an older version stored read as a
   * `recorded` note, see storedRecordNote).
   */
  readonly note?: RecordNote;
  /** An accepted order number the record could not claim (only it can be adopted). */
  readonly unclaimedOrderNo?: string;
  /** The record that owns `unclaimedOrderNo` today, when another one does. */
  readonly unclaimedOwnerId?: string;
  /**
   * Broker orders that could be its request: looked up only for an `unknown` record without an unclaimed number
   * (empty otherwise, and for an earlier day's record).
   */
  readonly candidates: readonly BrokerCandidate[];
  /** Set when it was sent on an earlier KST day: today's lists cannot hold its order. */
  readonly earlierDay?: string;
}

/**
 * The account's live records (`all`), or only those that wait for a person (`unknown`, or holding an order number
 * they could not claim), each with the broker's candidate orders (`npm run ledger -- list [--all]`, `/ledger`).
 * The broker's lists are read once, and only when a record needs them.
 */
export async function listLedgerEntries(
  access: LedgerAccess,
  options: { readonly all: boolean },
  now: number = Date.now(),
): Promise<LedgerEntry[]> {
  const ctx = ledgerContext(access);
  const live = await ctx.ledger.listLive();
  const records = options.all ? live : live.filter(needsPerson);
  let lists: BrokerLists | undefined;
  const entries: LedgerEntry[] = [];
  for (const r of records) {
    const id = r.id ?? '?';
    let unclaimedOwnerId: string | undefined;
    if (r.unclaimedOrderNo !== undefined) {
      const owner = await ctx.ledger.findByOrderNo(r.unclaimedOrderNo);
      if (owner?.id !== undefined && owner.id !== id) unclaimedOwnerId = owner.id;
    }
    let found: { candidates: readonly BrokerCandidate[]; earlierDay?: string } = { candidates: [] };
    if (r.state === 'unknown' && r.unclaimedOrderNo === undefined) {
      lists ??= await readBrokerLists(ctx);
      found = brokerCandidates(ctx, r, lists, now);
    }
    const note = storedRecordNote(r.note, r.error);
    entries.push({
      id,
      planId: r.planId,
      state: r.state,
      side: r.side,
      code: r.code,
      name: r.name,
      round: r.round,
      qty: r.qty,
      price: r.price,
      filledQty: r.filledQty,
      ...(r.sentAt !== undefined ? { sentAt: r.sentAt } : {}),
      ...(r.orderNo !== undefined ? { orderNo: r.orderNo } : {}),
      ...(note !== undefined ? { note } : {}),
      ...(r.unclaimedOrderNo !== undefined ? { unclaimedOrderNo: r.unclaimedOrderNo } : {}),
      ...(unclaimedOwnerId !== undefined ? { unclaimedOwnerId } : {}),
      candidates: found.candidates,
      ...(found.earlierDay !== undefined ? { earlierDay: found.earlierDay } : {}),
    });
  }
  return entries;
}
