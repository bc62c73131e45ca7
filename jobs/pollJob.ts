import {
  type AmendDecision,
  amendAttempts,
  amendClock,
  amendDecision,
  isAmendDue,
} from '../src/domain/amendDecision.ts';
import type { Execution } from '../src/domain/Execution.ts';
import { earlierOrderDay } from '../src/domain/earlierOrderDay.ts';
import type { LedgerRecord } from '../src/domain/LedgerRecord.ts';
import type { OpenOrder } from '../src/domain/OpenOrder.ts';
import { storedCancelCause } from '../src/domain/storedCancelCause.ts';
import { advancePhases, type PhaseProgress } from './advancePhases.ts';
import { applyBrokerFills } from './applyBrokerFills.ts';
import type { OrderContext } from './OrderContext.ts';
import { enqueueAmend, enqueueCancel, enqueueMarket, ensurePlaceJob } from './orderQueue.ts';
import { parkEarlierDay } from './parkEarlierDay.ts';
import { reconcilePending } from './reconcilePending.ts';
import { reconcileRecord } from './reconcileRecord.ts';
import { restorePlaceJobs } from './restorePlaceJobs.ts';
import { haltOnUnownedOrders, type OrderLists } from './unownedOrderGuard.ts';

/**
 * The unfilled-order poll (product.md flow step 5), run by the control queue's job scheduler every
 * POLL_INTERVAL_MS. BullMQ delivers at least once, so every step is idempotent: fill totals are absolute, order
 * requests go through the order queue under job ids per (record, amendment count), and phase moves are
 * compare-and-set.
 *
 * 1. Fills: every live record at the broker gets its fill totals from the broker's executions (`fill` events for new
 *    shares); an order gone from the open list without filling is closed as cancelled (after a second look).
 *    A record whose order is from an earlier KST day is not compared with today's lists at all (numbers restart
 *    daily): it is left `unknown` for a person.
 * 2. Records whose outcome is unknown (`sending`/`unknown`, or an amend/cancel in flight) that their own job has not
 *    settled are reconciled.
 * 3. Amendments: every order of the active plan still open AMEND_AFTER_MS after it was placed, last amended or last
 *    checked is moved to the current price (a check that finds the price unchanged sends nothing but counts as an
 *    attempt), or after MAX_AMENDS attempts gets the policy (keep, cancel, market). The requests go through the
 *    order queue, so the pacing covers them.
 * 4. Unowned orders: a broker order for a plan code that no record owns or can still adopt halts the engine
 *    (haltOnUnownedOrders).
 * 5. Rounds: every `queued` record of a running phase without a live place job gets one back (restorePlaceJobs).
 * 6. Phases: ends, the buy start and the plan's end (see advancePhases).
 * Nothing is amended and no phase moves while the kill switch is thrown; fills are still recorded.
 */

/** What one poll did (the job's return value; for tests and logs). */
export interface PollReport {
  /** Live records looked at. */
  readonly records: number;
  /** Records whose fill totals changed. */
  readonly filled: number;
  /** Records closed because their order left the open list unfilled. */
  readonly closed: number;
  /** Records of an earlier day left `unknown` for a person (see parkEarlierDay). */
  readonly parked: number;
  /** Reconciliations run for records whose outcome was unknown. */
  readonly reconciled: number;
  /** Order jobs added: amendments, cancels and market conversions. */
  readonly amends: number;
  /** Due amend checks that found the price unchanged and were recorded as attempts (nothing sent). */
  readonly unchanged: number;
  readonly cancels: number;
  readonly markets: number;
  /** Place jobs given back to `queued` rounds that had none (see restorePlaceJobs). */
  readonly restored: number;
  readonly phases: PhaseProgress;
}

/** Runs one poll of the account. */
export async function runPoll(ctx: OrderContext): Promise<PollReport> {
  const settleMs = ctx.settings.settleMs;
  const plan = await ctx.plans.getActive();
  const halted = await ctx.halt.isSet();
  const live = await ctx.ledger.listLive();
  const atBroker = live.filter((r) => r.orderNo !== undefined || r.state === 'sending' || r.state === 'unknown');
  const counts = { filled: 0, closed: 0, parked: 0, reconciled: 0, amends: 0, unchanged: 0, cancels: 0, markets: 0 };

  let lists: OrderLists | undefined;
  if (atBroker.length > 0) {
    const [openOrders, executions] = await Promise.all([ctx.broker.getOpenOrders(), ctx.broker.getExecutions()]);
    lists = { openOrders, executions };
    for (const rec of atBroker) {
      const id = rec.id;
      if (id === undefined) continue;
      try {
        const now = ctx.now();
        const day = earlierOrderDay(rec, now);
        if (day !== undefined) {
          // Today's lists say nothing about an earlier day's order, and a same number in them is another order.
          if (await parkEarlierDay(ctx, rec, day)) counts.parked++;
          continue;
        }
        if (rec.state === 'sending' || rec.state === 'unknown') {
          // The place job reconciles its own record; this covers a job that is gone (failed for good, removed).
          if (now - (rec.sentAt ?? rec.updatedAt) < 2 * settleMs) continue;
          const r = await reconcileRecord(ctx, id, now);
          counts.reconciled++;
          if (r.kind === 'not-placed' && !halted) {
            const fresh = await ctx.ledger.get(id);
            if (fresh !== undefined) await ensurePlaceJob(ctx, fresh);
          }
          continue;
        }
        if (rec.pending?.ackAt !== undefined) {
          // A cancel acknowledged but not confirmed: the order may still fill. Fills first, then the lists decide.
          if ((await applyBrokerFills(ctx, rec, executions)) !== undefined) counts.filled++;
          if ((await reconcilePending(ctx, id, now)).kind === 'done') counts.closed++;
          continue;
        }
        if (rec.pending !== undefined) {
          if (now - rec.pending.at >= 2 * settleMs) {
            await reconcilePending(ctx, id, now);
            counts.reconciled++;
          }
          continue;
        }
        if (rec.state !== 'open' && rec.state !== 'partial') continue;
        const after = (await applyBrokerFills(ctx, rec, executions)) ?? rec;
        if (after !== rec) counts.filled++;
        if (after.state !== 'open' && after.state !== 'partial') continue;
        const isOpen = openOrders.some((o) => o.orderNo === after.orderNo && o.unfilledQty > 0);
        if (!isOpen) {
          if (await closeVanished(ctx, after, openOrders, executions)) counts.closed++;
          continue;
        }
        if (halted || plan?.status !== 'active' || after.planId !== plan.id) continue;
        const decision = await decide(ctx, after, now);
        if (decision.action === 'amend') {
          if (await enqueueAmend(ctx, after, decision.price)) counts.amends++;
        } else if (decision.action === 'unchanged') {
          if (await recordUnchangedCheck(ctx, after, decision.price, now)) counts.unchanged++;
        } else if (decision.action === 'cancel') {
          const cause = { code: 'amend-policy', attempts: amendAttempts(after) } as const;
          if (await enqueueCancel(ctx, after, cause)) counts.cancels++;
        } else if (decision.action === 'market') {
          if (await enqueueMarket(ctx, after)) counts.markets++;
        }
      } catch (err) {
        // One record's trouble must not stop the others; the next poll tries again.
        ctx.logger?.error({ err, recordId: id }, 'poll could not process a record');
      }
    }
  }

  // Orders for plan codes that no record owns (a round sent twice, a hand order): halt before sizing anything more.
  if (plan !== undefined && !halted) {
    try {
      await haltOnUnownedOrders(ctx, plan, lists);
    } catch (err) {
      ctx.logger?.error({ err }, 'poll could not check the broker for unowned orders');
    }
  }
  // Re-read: the unowned-order guard may have thrown the kill switch just now.
  const restored =
    plan === undefined || halted || (await ctx.halt.isSet()) ? 0 : await restorePlaceJobs(ctx, plan, live);
  const phases =
    plan === undefined ? { ended: [], buyStarted: false, planDone: false } : await advancePhases(ctx, plan);
  return { records: live.length, ...counts, restored, phases };
}

/** The amend decision of an open record; a quote is fetched only when an amendment is due. */
async function decide(ctx: OrderContext, rec: LedgerRecord, now: number): Promise<AmendDecision> {
  const rules = ctx.settings.amend;
  if (!isAmendDue(rec, now, rules.amendAfterMs) || amendAttempts(rec) >= rules.maxAmends) {
    return amendDecision(rec, undefined, now, rules);
  }
  return amendDecision(rec, await ctx.broker.getQuote(rec.code), now, rules);
}

/**
 * Records a due amend check that found the order's own price (amendDecision `unchanged`): nothing is sent and no
 * `amended` event is pushed (nothing changed at the broker), but the check counts towards MAX_AMENDS and restarts
 * the amend clock, so an order resting at an unchanged best price still reaches AMEND_POLICY. Compare-and-set on
 * the amend clock the decision saw: polls running at the same time record the check once. Returns true when this
 * call recorded it.
 */
async function recordUnchangedCheck(
  ctx: OrderContext,
  rec: LedgerRecord,
  price: number,
  now: number,
): Promise<boolean> {
  const id = rec.id;
  if (id === undefined) return false;
  const seenClock = amendClock(rec);
  const res = await ctx.ledger.update(id, (cur) =>
    (cur.state === 'open' || cur.state === 'partial') &&
    cur.orderNo === rec.orderNo &&
    cur.pending === undefined &&
    cur.price === price &&
    amendClock(cur) === seenClock
      ? { ...cur, amendChecks: [...(cur.amendChecks ?? []), { at: now, price }] }
      : undefined,
  );
  if (res === undefined || !res.changed) return false;
  ctx.logger?.info(
    { recordId: id, orderNo: rec.orderNo, price, attempts: amendAttempts(res.after) },
    'amend due but the price is unchanged: nothing sent, counted as an attempt',
  );
  return true;
}

/**
 * A live order that is no longer in the broker's open list and did not fill in full: cancelled at the broker (by
 * hand, by the market's close) or amended (by hand, or by a request whose answer has not been recorded yet). An
 * amendment is a new order pointing back at the record's chain that carries shares: still open, or filled. Such a
 * record is left alone (its order lives on under a number the ledger does not know). A cancel also gets a number
 * that points back (Kiwoom can list it among the executed orders as a confirmation row), but it carries no shares:
 * it must not pass for an amendment, or a record cancelled by hand would never close. Otherwise, after the settle
 * time since it was placed, the broker is asked once more (the two lists are not read at the same instant) and the
 * record is closed as cancelled with the fills the executions show, so the leg's last round makes good the rest.
 * Returns true when it closed the record.
 */
async function closeVanished(
  ctx: OrderContext,
  rec: LedgerRecord,
  openOrders: readonly OpenOrder[],
  executions: readonly Execution[],
): Promise<boolean> {
  const id = rec.id;
  if (id === undefined) return false;
  if (amendedOutside(rec, openOrders, executions)) return false;
  if (ctx.now() - (rec.lastPlacedAt ?? rec.updatedAt) < ctx.settings.settleMs) return false;
  const [openAgain, execAgain] = await Promise.all([ctx.broker.getOpenOrders(), ctx.broker.getExecutions()]);
  if (openAgain.some((o) => o.orderNo === rec.orderNo && o.unfilledQty > 0)) return false;
  // Gone: closed only once the lists confirm its fills are final, as after a cancel of ours (cancelSettlement): from
  // now on it waits as a cancel acknowledged now, counted at its full quantity.
  const at = ctx.now();
  const marked = await ctx.ledger.update(id, (cur) =>
    (cur.state === 'open' || cur.state === 'partial') && cur.orderNo === rec.orderNo && cur.pending === undefined
      ? {
          ...cur,
          // A cause the record already carries (a cancel of ours that crossed) stays.
          ...(storedCancelCause(cur.cancelCause, cur.cancelReason) === undefined
            ? { cancelCause: { code: 'gone-at-broker' } as const }
            : {}),
          pending: {
            kind: 'cancel',
            at,
            ackAt: at,
            fromOrderNo: rec.orderNo ?? '',
            fromPrice: cur.price,
            qty: cur.qty - cur.filledQty,
          },
        }
      : undefined,
  );
  if (marked === undefined || !marked.changed) return false;
  await applyBrokerFills(ctx, marked.after, execAgain);
  return (await reconcilePending(ctx, id, at)).kind === 'done';
}

/**
 * True when an order the ledger does not know replaced one of the record's orders: it points back at the chain and
 * carries shares (open at the broker, or filled). Cancel records point back too but carry none.
 */
export function amendedOutside(
  rec: Pick<LedgerRecord, 'orderNos'>,
  openOrders: readonly OpenOrder[],
  executions: readonly Execution[],
): boolean {
  const chain = new Set(rec.orderNos);
  const pointsBack = (o: { orderNo: string; origOrderNo?: string }) =>
    o.origOrderNo !== undefined && chain.has(o.origOrderNo) && !chain.has(o.orderNo);
  return (
    openOrders.some((o) => pointsBack(o) && o.unfilledQty > 0) ||
    executions.some((x) => pointsBack(x) && x.filledQty > 0)
  );
}
