import { setTimeout as sleep } from 'node:timers/promises';
import { forEachConcurrent } from './forEachConcurrent.ts';
import type { OrderContext } from './OrderContext.ts';
import { requeuePlan } from './orderQueue.ts';
import { planTakesOrders } from './planTakesOrders.ts';
import { reconcilePending } from './reconcilePending.ts';
import { reconcileRecord } from './reconcileRecord.ts';

/** What start-up recovery found. */
export interface RecoverySummary {
  /** `sending`/`unknown` records found at the broker and adopted. */
  readonly found: number;
  /** `sending`/`unknown` records proven not placed (back to `queued`). */
  readonly notPlaced: number;
  /**
   * Records left `unknown` for a person: several broker orders fit, their order's number is another record's, or
   * they were sent on an earlier day.
   */
  readonly ambiguous: number;
  /** Amends and cancels in flight that were settled. */
  readonly pendingSettled: number;
  /** Place jobs added back for records still to be sent. */
  readonly requeued: number;
}

/**
 * A record found `sending`/`unknown` at start: the process that sent it may have been inside a client wait (token
 * renewal, a rate-limit pause) when it died, so its request may have left well after `sentAt`, up to the moment it
 * died. The restart is the latest moment it can have left: count the settle time from there (`unknownAt`).
 * Compare-and-set on `sentAt`, so a live process that sent it since is not disturbed.
 */
async function stampRestart(ctx: OrderContext, id: string, sentAt: number | undefined): Promise<void> {
  const now = Date.now();
  await ctx.ledger.update(id, (cur) =>
    (cur.state === 'sending' || cur.state === 'unknown') && cur.sentAt === sentAt && (cur.unknownAt ?? 0) < now
      ? { ...cur, unknownAt: now }
      : undefined,
  );
}

/** Records settled at the same time at start (each reads the broker's lists about once per settle time). */
const RECOVERY_CONCURRENCY = 8;

type TooEarly = { readonly kind: 'too-early'; readonly retryAt: number };

/** Runs `attempt` again at its `retryAt` for as long as it answers `too-early`; returns its first other answer. */
async function waitOutTooEarly<T extends { readonly kind: string }>(
  attempt: () => Promise<T>,
): Promise<Exclude<T, TooEarly>> {
  for (;;) {
    const r = await attempt();
    if (!isTooEarly(r)) return r as Exclude<T, TooEarly>;
    await sleep(Math.max(1, r.retryAt - Date.now()));
  }
}

function isTooEarly(r: { readonly kind: string }): r is TooEarly {
  return r.kind === 'too-early';
}

/**
 * Start-up recovery, run before the order worker starts: every `sending`/`unknown` record (of `planId`, or of the
 * whole account) is reconciled with the broker, and every amend/cancel in flight is settled, waiting out the settle
 * time of requests sent just before the restart; up to RECOVERY_CONCURRENCY records at the same time. Then the records still to be sent of plans that take orders
 * (not done or cancelled, see planTakesOrders) get their place jobs back (unless the kill switch is thrown). Fills of open orders are the poll's job.
 */
export async function recoverLedger(ctx: OrderContext, planId?: string): Promise<RecoverySummary> {
  let found = 0;
  let notPlaced = 0;
  let ambiguous = 0;
  let pendingSettled = 0;
  const live = (await ctx.ledger.listLive()).filter((r) => planId === undefined || r.planId === planId);
  const unsettled = live.filter(
    (r) => r.id !== undefined && (r.state === 'sending' || r.state === 'unknown' || r.pending !== undefined),
  );
  // Every record's settle time counts from this one restart (stamped for all first), and they are waited out side
  // by side: N records cost one settle time (about 45 s), not N of them, before the workers start.
  await Promise.all(
    unsettled
      .filter((r) => r.state === 'sending' || r.state === 'unknown')
      .map((r) => stampRestart(ctx, r.id ?? '', r.sentAt)),
  );
  await forEachConcurrent(unsettled, RECOVERY_CONCURRENCY, async (rec) => {
    const id = rec.id ?? '';
    if (rec.state === 'sending' || rec.state === 'unknown') {
      const r = await waitOutTooEarly(() => reconcileRecord(ctx, id));
      if (r.kind === 'placed') found++;
      else if (r.kind === 'not-placed') notPlaced++;
      else if (r.kind === 'ambiguous' || r.kind === 'unclaimed' || r.kind === 'earlier-day') ambiguous++;
    }
    if (rec.pending !== undefined) {
      const r = await waitOutTooEarly(() => reconcilePending(ctx, id));
      if (r.kind !== 'none') pendingSettled++;
    }
  });
  // A request of the process that died may have left just before it died, after its last stamp: count the
  // restart itself as a request so the first new one keeps the interval.
  if (ctx.settings.spacingGuard !== false) await ctx.guard.markSent();
  let requeued = 0;
  if (!(await ctx.halt.isSet())) {
    const plans = planId !== undefined ? [planId] : [...new Set(live.map((r) => r.planId))];
    for (const p of plans) {
      // A plan that ended (done, cancelled) takes no more orders: its leftover rounds get no job (planTakesOrders).
      if (planTakesOrders((await ctx.plans.get(p))?.status)) requeued += await requeuePlan(ctx, p);
    }
  }
  return { found, notPlaced, ambiguous, pendingSettled, requeued };
}
