import type { LedgerEntry } from '../app/ledgerEntries.ts';
import type { BrokerCandidate } from '../domain/BrokerCandidate.ts';
import { kstTimestamp } from '../domain/kstClock.ts';
import type { LedgerRecord } from '../domain/LedgerRecord.ts';
import type { RecordNote } from '../domain/RecordNote.ts';
import type { ResolveRefusal } from '../domain/ResolveRefusal.ts';
import type { ResolveResult } from '../domain/ResolveResult.ts';
import { storedRecordNote } from '../domain/storedRecordNote.ts';

/**
 * The ledger CLI's words (English, with the command lines a person types): the records listed, the settlements'
 * outcomes and refusals, and the hint the rebalance CLI prints while a plan waits on a person. The engine returns
 * values and codes (jobs/manualResolve.ts); the bot words the same values in Korean (bot/text/ledgerText.ts).
 */

/** The engine's note on a record, in English (the words the engine itself wrote before notes were values). */
export function recordNoteLine(note: RecordNote): string {
  switch (note.code) {
    case 'not-found-after-send':
      return `not found at the broker ${note.afterMs} ms after sending`;
    case 'earlier-day-unsettled':
      return `sent on ${note.day} (KST) and not settled that day: today's broker lists cannot tell what became of it`;
    case 'broker-clock-off':
      return `the broker's clock is more than ${note.maxOffsetMs} ms off ours (MAX_CLOCK_OFFSET_MS): not placing orders until it is back within it`;
    case 'order-number-taken':
      return `the broker accepted order ${note.orderNo}, but record ${note.ownerId} owns that number today`;
    case 'plan-ended':
      return `plan ${note.planId} is ${note.status ?? 'gone'}: not sent`;
    case 'over-cap':
      return `order value ${note.value} won exceeds MAX_ORDER_VALUE ${note.maxOrderValue}; not sent`;
    case 'quote-refused':
      return `quote refused: ${note.brokerMessage}`;
    case 'broker-refused':
      return note.brokerMessage;
    case 'request-failed':
      return note.detail;
    case 'settled-not-placed':
      return 'settled by hand: the request never became an order';
    case 'recorded':
      return note.text;
    default: {
      const unknown = note as { code?: unknown };
      return `unknown reason: ${String(unknown.code)}`;
    }
  }
}

/**
 * The lines telling a person how to settle records the engine waits on (printed by the rebalance CLI while a plan
 * waits on them): one line per record with its reason, and the commands.
 */
export function settleHint(records: readonly LedgerRecord[]): string[] {
  const lines = [
    `Waiting for a person: ${records.length} record(s) cannot be settled automatically. See them with: npm run ledger -- list`,
  ];
  for (const r of records) {
    const id = r.id ?? '?';
    const note = storedRecordNote(r.note, r.error);
    lines.push(`  ${id}: ${note !== undefined ? recordNoteLine(note) : 'outcome unknown'}`);
    if (r.unclaimedOrderNo !== undefined) {
      lines.push(`    npm run ledger -- resolve ${id} --order-no ${r.unclaimedOrderNo}   (once its owner lets it go)`);
    } else {
      lines.push(`    npm run ledger -- resolve ${id} --order-no NNNNNNN   (the broker order it became)`);
      lines.push(`    npm run ledger -- resolve ${id} --not-placed   (it never became an order)`);
    }
  }
  return lines;
}

/** `npm run ledger -- list [--all]`: a heading, then each record with its reason, its order number and candidates. */
export function listLines(accountId: string, entries: readonly LedgerEntry[], all: boolean): string[] {
  if (entries.length === 0) {
    return [`Account ${accountId}: ${all ? 'no live records' : 'no records wait for a person'}.`];
  }
  const lines = [
    `Account ${accountId}: ${entries.length} ${all ? 'live record(s)' : 'record(s) waiting for a person'} (times KST):`,
  ];
  for (const r of entries) {
    lines.push(
      `${r.id}  ${r.state}  plan ${r.planId}  ${r.side} ${r.code} ${r.name}  round ${r.round}  ${r.qty} sh at ${r.price}  sent ${
        r.sentAt === undefined ? '-' : formatKst(r.sentAt)
      }${r.orderNo !== undefined ? `  order ${r.orderNo}` : ''}  filled ${r.filledQty}`,
    );
    if (r.note !== undefined) lines.push(`  reason: ${recordNoteLine(r.note)}`);
    if (r.unclaimedOrderNo !== undefined) {
      const owner = r.unclaimedOwnerId !== undefined ? `, owned by record ${r.unclaimedOwnerId}` : '';
      lines.push(`  accepted order ${r.unclaimedOrderNo}${owner}`);
    }
    if (r.state !== 'unknown' || r.unclaimedOrderNo !== undefined) continue;
    if (r.earlierDay !== undefined) {
      lines.push(`  candidates: none (sent on ${r.earlierDay}; today's broker lists cannot hold its order)`);
    } else if (r.candidates.length === 0) {
      lines.push('  candidates: none listed by the broker');
    } else {
      for (const c of r.candidates) lines.push(`  candidate: ${formatCandidate(c)}`);
    }
  }
  return lines;
}

/** A settlement's outcome: the line for stdout, or for stderr when refused. */
export function resolveText(result: ResolveResult): { readonly out?: string; readonly err?: string } {
  if (result.kind === 'done') {
    const r = result.record;
    const id = r.id ?? '?';
    if (result.resolution === 'adopted') {
      return { out: `${id}: adopted order ${result.orderNo}; now ${r.state}, ${r.filledQty}/${r.qty} filled` };
    }
    const later = result.requeued ? '' : ' on its next start (npm run rebalance resumes the plan)';
    return { out: `Marked ${notPlacedWhat(id, r)}${later}.` };
  }
  if (result.kind === 'confirm') {
    return {
      out: `Would mark ${notPlacedWhat(result.record.id ?? '?', result.record)}. Run again with --yes to do it.`,
    };
  }
  return { err: `Refused: ${refusalText(result.refusal)}. Nothing was changed.` };
}

/** What "not placed" does to a record, in words. */
function notPlacedWhat(id: string, rec: LedgerRecord): string {
  return `${id} (${rec.side} ${rec.code} round ${rec.round}, ${rec.qty} sh) goes back to queued and is sent again${
    rec.isLastRound ? ' with what remains of the leg' : ''
  } by the engine`;
}

/** Why a settlement was refused, in words. */
export function refusalText(r: ResolveRefusal): string {
  switch (r.code) {
    case 'no-record':
      return `no ledger record ${r.id} in account ${r.accountId}`;
    case 'not-unknown':
      return `record ${r.id} is ${r.state}, not unknown: nothing to settle`;
    case 'earlier-day':
      return `record ${r.id} was sent on ${r.day} (KST): today's broker lists cannot hold its order; settle it with the broker's statement of that day`;
    case 'owned-by-other':
      return `order ${r.orderNo} is owned by record ${r.ownerId} today`;
    case 'unclaimed-only':
      return `the broker gave this record's request order number ${r.unclaimedOrderNo}; only that order can be adopted for it`;
    case 'not-listed':
      return `the broker does not list order ${r.orderNo} today`;
    case 'mismatch':
      return `order ${r.orderNo} does not fit record ${r.id}: ${r.fields.map((f) => `${f.field} ${f.broker} (record: ${f.record})`).join(', ')}`;
    case 'not-a-request':
      return `order ${r.orderNo} cannot be this record's request: it is an amendment, cancel or rejected order, or was accepted before the request left`;
    case 'claimed-meanwhile':
      return `order ${r.orderNo} was claimed by another record meanwhile`;
    case 'changed-meanwhile':
      return `record ${r.id} changed meanwhile${r.outcome !== undefined ? ` (${r.outcome})` : ''}; nothing was done`;
    case 'holds-order':
      return `record ${r.id} holds broker order ${r.held ?? '(fills)'}: its request did become an order`;
    case 'too-early':
      return `the request of ${r.id} could still reach the broker; try again in ${r.retryInS} s`;
    case 'has-candidates':
      return `the broker lists ${r.candidates.map(formatCandidate).join('; ')} for ${r.id}: adopt one with --order-no instead`;
  }
}

/** One line for a candidate order. */
export function formatCandidate(c: BrokerCandidate): string {
  return `order ${c.orderNo} (${c.source}, ${c.qty} sh at ${c.price}, ${c.time.slice(0, 2)}:${c.time.slice(2, 4)}:${c.time.slice(4)} KST, ${c.filledQty} filled)`;
}

/** `YYYY-MM-DD HH:mm:ss` in KST. */
function formatKst(ms: number): string {
  const t = kstTimestamp(ms);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
}
