import type { CancelCause } from '../domain/CancelCause.ts';
import type { EngineErrorEvent } from '../domain/EngineErrorEvent.ts';
import type { EngineEvent, PhaseSummary } from '../domain/EngineEvent.ts';
import { kstMinute } from '../domain/kstClock.ts';
import type { PostTradeReport } from '../domain/postTradeReport.ts';
import type { RejectCause } from '../domain/RejectCause.ts';
import type { Plan } from '../domain/types.ts';
import { displayWidth, padEndDisplay, padStartDisplay } from '../text/displayWidth.ts';
import { formatInteger, formatPercent } from '../text/formatNumber.ts';

/**
 * Human-readable lines for the headless runner: one line per order, fill and amendment, the phase summaries and
 * the post-trade reports. Amounts in won with thousands separators; weights in percent, differences in points.
 */

// Average fill prices are fractional; everything else is whole won already.
const won = (n: number): string => formatInteger(Math.round(n));
const sideLabel = (side: 'buy' | 'sell'): string => (side === 'sell' ? 'SELL' : 'BUY ');

/** The lines of one engine event (none for events the runner does not show). */
export function formatEvent(event: EngineEvent): string[] {
  switch (event.type) {
    case 'plan-approved':
      return [`Plan ${event.planId} approved.`];
    case 'phase-started':
      return [`${event.side === 'sell' ? 'Sell' : 'Buy'} phase started.`];
    case 'phase-waiting':
      return [
        `${event.side === 'sell' ? 'Sell' : 'Buy'} phase waiting: ${
          event.code === 'market-closed'
            ? `the market is closed (MARKET_SESSION=krx); orders wait for the next session, opening ${kstMinute(event.opensAt)} KST`
            : event.code === 'recorded'
              ? event.text
              : 'the sell orders of the plan are not finished yet; checking at every poll'
        }.`,
      ];
    case 'order-placed':
      return [
        `${sideLabel(event.side)} ${event.code} ${event.name} round ${event.round}: ${event.qty} sh ${
          event.price > 0 ? `at ${won(event.price)}` : 'at market'
        } (order ${event.orderNo})`,
      ];
    case 'order-rejected':
      return [
        `${sideLabel(event.side)} ${event.code} ${event.name} round ${event.round}: REJECTED ${event.qty} sh: ${rejectCauseText(event.cause)}`,
      ];
    case 'order-unknown':
      return [
        `${sideLabel(event.side)} ${event.code} round ${event.round}: outcome unknown (${event.request === 'place' ? '' : `${event.request}: `}${event.detail}); reconciling`,
      ];
    case 'order-reconciled':
      return [
        `${sideLabel(event.side)} ${event.code} round ${event.round}: ${
          event.found ? `found at the broker as order ${event.orderNo ?? '?'}` : 'not placed; will be sent again'
        }`,
      ];
    case 'fill':
      return [
        `${sideLabel(event.side)} ${event.code} ${event.name} round ${event.round}: filled ${event.qty} sh at ${won(event.price)} (${event.totalFilled}/${event.orderQty}, order ${event.orderNo})`,
      ];
    case 'amended':
      return [
        `${sideLabel(event.side)} ${event.code} ${event.name} round ${event.round}: amended ${event.qty} sh ${won(event.fromPrice)} -> ${won(event.toPrice)} (order ${event.fromOrderNo} -> ${event.toOrderNo}, amendment ${event.amendCount})`,
      ];
    case 'cancelled':
      return [
        `${sideLabel(event.side)} ${event.code} ${event.name} round ${event.round}: cancelled ${event.qty} sh (${cancelCauseText(event.cause)})`,
      ];
    case 'phase-ended':
      return formatSummary(event.summary);
    case 'report':
      return formatReport(event.report, `After the ${event.side} phase`);
    case 'report-missing':
      return [`After the ${event.side} phase: no post-trade report (${event.reason}).`];
    case 'plan-done':
      return [`Plan ${event.planId} done.`];
    case 'halted':
      return [`Halted by the kill switch (${event.removedJobs} queued orders removed).`];
    case 'resumed':
      return ['Resumed.'];
    case 'error':
      return [`ERROR: ${errorText(event)}`];
    case 'stalled':
      return [
        `Waiting: the broker has been failing since ${new Date(event.since).toISOString()} (${event.message}).`,
        'The remaining orders wait and go out when it answers again; nothing is lost. Stop with Ctrl-C and run the same command later to finish.',
      ];
    case 'recovered':
      return [
        event.code === 'redis-unavailable'
          ? `Redis is reachable again after ${seconds(event.downMs)}; the engine reconciles with the broker and continues.`
          : `The broker answers again after ${seconds(event.downMs)}; continuing.`,
      ];
    case 'resolved':
      return [
        `${sideLabel(event.side)} ${event.code} round ${event.round}: settled by hand: ${
          event.resolution === 'adopted'
            ? `adopted order ${event.orderNo ?? '?'}`
            : 'not placed; queued to be sent again'
        }`,
      ];
    default:
      return [];
  }
}

/** What went wrong and what to do, per error code (the wording the engine used to send itself). */
function errorText(event: EngineErrorEvent): string {
  switch (event.code) {
    case 'order-job-failed':
      return `order job ${event.jobId} failed: ${event.detail}`;
    case 'unowned-orders': {
      const what = event.orders.map((o) => `${o.orderNo} (${o.side} ${o.code} ${o.qty} sh at ${o.price}, ${o.time})`);
      return `broker order(s) for plan codes that no ledger record owns: ${what.join(', ')}; halted. Check them at the broker (npm run ledger), then resume`;
    }
    case 'accepted-order-not-attached': {
      const why = event.heldOrderNo !== undefined ? `it holds order ${event.heldOrderNo}` : `it is ${event.state}`;
      return `${event.side} ${event.stockCode} round ${event.round}: the broker accepted order ${event.orderNo}, but the record could not take it (${why}); not sent again, check it by hand`;
    }
    case 'broker-clock-off':
      return `${event.side} ${event.stockCode} round ${event.round} held: the broker's clock is more than ${event.maxOffsetMs} ms off ours (MAX_CLOCK_OFFSET_MS): not placing orders until it is back within it (measured ${Math.round(event.offsetMs / 100) / 10} s); check both clocks`;
    case 'amend-refused':
      return `amend of ${event.stockCode} ${event.orderNo} refused: ${event.brokerMessage}`;
    case 'cancel-refused':
      return `cancel of ${event.stockCode} ${event.orderNo} refused: ${event.brokerMessage}`;
    case 'order-value-over-cap':
      return `${event.stockCode}: order value ${event.value} won exceeds MAX_ORDER_VALUE ${event.maxOrderValue}; not sent`;
    case 'ambiguous-match':
      return `${event.side} ${event.stockCode} round ${event.round}: ${event.orderNos.length} broker orders fit the lost request (${event.orderNos.join(', ')}); left unknown, check by hand`;
    case 'earlier-day-unsettled':
      return `${event.side} ${event.stockCode} round ${event.round}: sent on ${event.day} (KST) and not settled that day: today's broker lists cannot tell what became of it; left unknown, check its fills by hand`;
    case 'order-number-taken': {
      const who =
        event.side !== undefined && event.stockCode !== undefined && event.round !== undefined
          ? `${event.side} ${event.stockCode} round ${event.round}`
          : event.recordId;
      return `${who}: the broker accepted order ${event.orderNo}, but record ${event.ownerId} owns that number today; left unknown and not sent again, check it by hand`;
    }
    case 'calendar-not-covered':
      return `orders held: the KRX calendar does not cover ${event.date} (add the next year to src/domain/tradingCalendar.ts); MARKET_SESSION=krx cannot tell whether the market is open`;
    case 'unreadable-event':
      return `unreadable event ${event.eventId}`;
    case 'recorded':
      return event.text;
    default:
      return `unknown error ${String((event as { code?: unknown }).code)}`;
  }
}

/** Why an order was cancelled (the wording the engine used to send itself). */
function cancelCauseText(cause: CancelCause): string {
  switch (cause.code) {
    case 'amend-policy':
      return `not filled after ${cause.attempts} amendment attempt(s) (AMEND_POLICY=cancel)`;
    case 'to-market':
      return 'remainder goes to a market order';
    case 'kill-switch':
      return cause.by?.via === 'chat'
        ? `cancel open orders from chat ${cause.by.chatId}`
        : cause.by?.via === 'unowned-orders'
          ? 'kill switch: broker orders that no ledger record owns'
          : 'kill switch';
    case 'gone-at-broker':
      return 'no longer open at the broker (cancelled or expired)';
    case 'confirmed':
      return cause.afterLostAnswer ? 'cancelled (confirmed after a lost answer)' : 'cancelled';
    case 'recorded':
      return cause.text;
    default:
      return `unknown cause ${String((cause as { code?: unknown }).code)}`;
  }
}

/** Why an order was rejected (the wording the engine used to send itself; the broker's answer as it came). */
function rejectCauseText(cause: RejectCause): string {
  switch (cause.code) {
    case 'broker-refused':
      return cause.brokerMessage;
    case 'quote-refused':
      return `quote refused: ${cause.brokerMessage}`;
    case 'over-cap':
      return `order value ${cause.value} won exceeds MAX_ORDER_VALUE ${cause.maxOrderValue}; not sent`;
    case 'recorded':
      return cause.text;
    default:
      return `unknown cause ${String((cause as { code?: unknown }).code)}`;
  }
}

/** A phase summary: totals, then one line per code with the average fill price against the plan price. */
export function formatSummary(s: PhaseSummary): string[] {
  const title = s.side === 'sell' ? 'Sell phase' : 'Buy phase';
  const lines = [
    `${title} done: ${s.legsDone}/${s.legs} legs complete, ${s.shares} sh, ${won(s.value)} won, commission ${won(s.commission)}, tax ${won(s.tax)}`,
  ];
  for (const c of s.byCode) {
    const vs =
      c.filledQty > 0 && c.planPrice > 0 ? ` (${signedPct((c.avgPrice - c.planPrice) / c.planPrice)} vs plan)` : '';
    lines.push(
      `  ${c.code} ${c.name}: ${c.filledQty}/${c.plannedQty} sh, avg ${c.filledQty > 0 ? won(c.avgPrice) : '-'}, plan ${won(c.planPrice)}${vs}`,
    );
  }
  return lines;
}

/**
 * A post-trade report: remaining cash and the tracking error on the first line, then a table of code, name,
 * weight, target and difference (percentage points), cash last. `heading` starts the first line.
 */
export function formatReport(r: PostTradeReport, heading: string): string[] {
  const rows = [
    ...r.byCode.map((c) => [c.code, c.name, pct(c.weightPct), pct(c.targetPct), points(c.diffPct)]),
    ['cash', '', pct(r.cashWeightPct), pct(r.cashTargetPct), points(r.cashWeightPct - r.cashTargetPct)],
  ];
  const header = ['Code', 'Name', 'Weight', 'Target', 'Diff'];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i] ?? ''))));
  // Code and name are read left to right; numbers line up on the right.
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((cell, i) => (i < 2 ? padEndDisplay(cell, widths[i] ?? 0) : padStartDisplay(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd()}`;
  return [
    `${heading}: cash ${won(r.cash)} won of ${won(r.totalValue)} won, tracking error ${r.trackingError.toFixed(2)} pp`,
    line(header),
    ...rows.map(line),
  ];
}

/** The plan as a table: sells and buys (price, quantity, value, rounds), excluded codes, projected weights. */
export function formatPlan(plan: Plan): string[] {
  const lines: string[] = [];
  for (const [title, legs] of [
    ['Sells', plan.sells],
    ['Buys', plan.buys],
  ] as const) {
    lines.push(`${title}:${legs.length === 0 ? ' none' : ''}`);
    for (const l of legs) {
      lines.push(
        `  ${l.code} ${l.name}: ${l.qty} sh x ${won(l.price)} = ${won(l.qty * l.price)} won, target ${pct(l.targetPct)}, rounds ${l.rounds.join('/')}`,
      );
    }
  }
  if (plan.excluded.length > 0) {
    lines.push('Left alone:');
    for (const x of plan.excluded) lines.push(`  ${x.code} ${x.name}: ${x.qty} sh (${x.reason})`);
  }
  const weights = Object.entries(plan.projected.weights)
    .map(([code, w]) => `${code} ${pct(w)}`)
    .join(', ');
  lines.push(
    `Projected: ${weights || 'no holdings'}; cash ${won(plan.projected.cash)} won; costs about ${won(plan.estimatedCosts)} won`,
  );
  return lines;
}

function signedPct(x: number): string {
  const text = pct(x * 100);
  return x > 0 ? `+${text}` : text;
}

const pct = (x: number): string => formatPercent(x, 2);

function points(x: number): string {
  const fixed = x.toFixed(2);
  // -0.001 rounds to "-0.00": show it as 0.
  return Number(fixed) === 0 ? '0.00' : x > 0 ? `+${fixed}` : fixed;
}

/** A duration for a progress line, in whole seconds (at least 1). */
function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}
