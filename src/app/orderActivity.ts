import type { EngineEvent } from '../domain/EngineEvent.ts';
import type { LedgerState } from '../domain/LedgerRecord.ts';
import { kstDate } from '../domain/tradingCalendar.ts';
import type { Side, StockCode } from '../domain/types.ts';
import type { AccountSession } from './openAccount.ts';

/** A live order of the ledger (`/orders`). */
export interface LiveOrder {
  readonly recordId: string;
  readonly planId: string;
  readonly side: Side;
  readonly code: StockCode;
  readonly name: string;
  readonly round: number;
  readonly state: LedgerState;
  readonly qty: number;
  readonly filledQty: number;
  readonly price: number;
  readonly orderNo?: string;
  /** When it was placed or last amended (epoch ms), if it reached the broker. */
  readonly placedAt?: number;
  readonly amendCount: number;
}

/** The ledger's records that are not final: queued, at the broker or unknown, oldest first. */
export async function liveOrders(session: Pick<AccountSession, 'engine'>): Promise<LiveOrder[]> {
  const records = await session.engine.orders.ledger.listLive();
  return records
    .map((r) => {
      const placedAt = r.lastPlacedAt ?? r.sentAt;
      return {
        recordId: r.id ?? `${r.planId}-${r.side}-${r.code}-r${r.round}`,
        planId: r.planId,
        side: r.side,
        code: r.code,
        name: r.name,
        round: r.round,
        state: r.state,
        qty: r.qty,
        filledQty: r.filledQty,
        price: r.price,
        ...(r.orderNo !== undefined ? { orderNo: r.orderNo } : {}),
        ...(placedAt !== undefined ? { placedAt } : {}),
        amendCount: r.amendments.length,
      };
    })
    .sort((a, b) => (a.placedAt ?? Number.MAX_SAFE_INTEGER) - (b.placedAt ?? Number.MAX_SAFE_INTEGER));
}

/** Kinds of event `/history` lists. */
const HISTORY_KINDS = new Set<EngineEvent['type']>([
  'order-placed',
  'fill',
  'amended',
  'cancelled',
  'order-rejected',
  'order-unknown',
  'order-reconciled',
]);

/** One order event of today. */
export interface HistoryEntry {
  readonly at: number;
  readonly event: EngineEvent;
}

/** Today's (KST) orders, fills, amendments, cancels and rejections from the outbox, oldest first (at most `limit`). */
export async function todaysHistory(
  session: Pick<AccountSession, 'engine'>,
  now: number = Date.now(),
  limit = 200,
): Promise<HistoryEntry[]> {
  const today = kstDate(new Date(now));
  const latest = await session.engine.orders.outbox.latest(2_000);
  return latest
    .filter((s) => HISTORY_KINDS.has(s.event.type) && kstDate(new Date(s.at)) === today)
    .sort((a, b) => a.at - b.at)
    .slice(-limit)
    .map((s) => ({ at: s.at, event: s.event }));
}
