import { planAwaitingPerson } from '../app/awaitingPerson.ts';
import { followPlan } from '../app/followPlan.ts';
import type { AccountSession } from '../app/openAccount.ts';
import { formatEvent } from './formatProgress.ts';
import { settleHint } from './ledgerText.ts';

/** How a followed run ended. */
export type RunEnd = 'done' | 'halted' | 'aborted';

/** How followRun prints and paces. */
export interface FollowRunOptions {
  readonly out: (line: string) => void;
  readonly signal: AbortSignal | undefined;
  /** How often the outbox is read while nothing happens. */
  readonly everyMs: number;
  /** How often the "waiting for a person" lines are repeated while nothing changes. */
  readonly remindMs: number;
}

/**
 * Prints the plan's events from `cursor` (a line per order, fill and amendment) until the plan is done, the kill
 * switch is thrown, or the signal aborts. While nothing happens and every remaining record waits on a person, says
 * which and how to settle them (personHint).
 */
export async function followRun(
  session: Pick<AccountSession, 'engine'>,
  from: string,
  planId: string,
  options: FollowRunOptions,
): Promise<RunEnd> {
  const { out, signal } = options;
  const idle = personHint(session, planId, out, options.remindMs);
  let cursor = from;
  for (;;) {
    const read = await followPlan(session, cursor, planId);
    const moved = read.cursor !== cursor;
    cursor = read.cursor;
    for (const stored of read.events) for (const line of formatEvent(stored.event)) out(line);
    if (read.outcome !== undefined) return read.outcome;
    if (signal?.aborted) return 'aborted';
    if (!moved) {
      await idle();
      await sleep(options.everyMs, signal);
    }
  }
}

/**
 * While the plan's every remaining record waits on a person (planAwaitingPerson), prints which and the
 * `npm run ledger` commands that settle them: at once, when the set changes, and again every `remindMs`. The run
 * itself keeps waiting: the engine goes on as soon as they are settled.
 */
function personHint(
  session: Pick<AccountSession, 'engine'>,
  planId: string,
  out: (line: string) => void,
  remindMs: number,
): () => Promise<void> {
  let checkedAt = 0;
  let printedAt = 0;
  let printed = '';
  return async () => {
    const now = Date.now();
    if (now - checkedAt < 1_000) return;
    checkedAt = now;
    const waiting = await planAwaitingPerson(session, planId, now);
    if (waiting.length === 0) {
      printed = '';
      return;
    }
    const key = waiting.map((r) => r.id).join(' ');
    if (key === printed && now - printedAt < remindMs) return;
    printed = key;
    printedAt = now;
    for (const line of settleHint(waiting)) out(line);
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
