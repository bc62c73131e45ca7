import type { EngineEvent, StoredEvent } from '../domain/EngineEvent.ts';
import type { AccountSession } from './openAccount.ts';

/** What a read of a plan's events found. */
export interface PlanEvents {
  /** The plan's events after the cursor (and those of no plan), oldest first. */
  readonly events: readonly StoredEvent[];
  /** Where the next read starts (the last event read, the plan's or not). */
  readonly cursor: string;
  /** Set when the read reached the plan's end or the kill switch. */
  readonly outcome?: 'done' | 'halted';
}

/** The id before every event of the outbox. */
export const OUTBOX_START = '0-0';

/** The id of the newest event of the outbox (OUTBOX_START when empty): follow from here to see only new events. */
export async function outboxCursor(session: Pick<AccountSession, 'engine'>): Promise<string> {
  return (await session.engine.orders.outbox.latest(1))[0]?.id ?? OUTBOX_START;
}

/**
 * Reads the events of plan `planId` after `cursor` (up to `count`), skipping other plans' events, stopping after
 * `plan-done` or `halted` (reported as `outcome`).
 */
export async function followPlan(
  session: Pick<AccountSession, 'engine'>,
  cursor: string,
  planId: string,
  count = 200,
): Promise<PlanEvents> {
  const batch = await session.engine.orders.outbox.read(cursor, count);
  const events: StoredEvent[] = [];
  let at = cursor;
  for (const stored of batch) {
    at = stored.id;
    if (!belongsTo(stored.event, planId)) continue;
    events.push(stored);
    if (stored.event.type === 'plan-done') return { events, cursor: at, outcome: 'done' };
    if (stored.event.type === 'halted') return { events, cursor: at, outcome: 'halted' };
  }
  return { events, cursor: at };
}

function belongsTo(e: EngineEvent, planId: string): boolean {
  return !('planId' in e) || e.planId === undefined || e.planId === planId;
}
