import type { Plan } from '../domain/types.ts';
import type { EngineEvent, PhaseSummary } from '../store/EngineEvent.ts';

/**
 * Human-readable lines for the headless runner: one line per order, fill and amendment, and the phase summaries.
 * Amounts in won with thousands separators.
 */

const won = (n: number): string => Math.round(n).toLocaleString('en-US');
const sideLabel = (side: 'buy' | 'sell'): string => (side === 'sell' ? 'SELL' : 'BUY ');

/** The lines of one engine event (none for events the runner does not show). */
export function formatEvent(event: EngineEvent): string[] {
  switch (event.type) {
    case 'plan-approved':
      return [`Plan ${event.planId} approved.`];
    case 'phase-started':
      return [`${event.side === 'sell' ? 'Sell' : 'Buy'} phase started.`];
    case 'phase-waiting':
      return [`${event.side === 'sell' ? 'Sell' : 'Buy'} phase waiting: ${event.reason}.`];
    case 'order-placed':
      return [
        `${sideLabel(event.side)} ${event.code} ${event.name} round ${event.round}: ${event.qty} sh ${
          event.price > 0 ? `at ${won(event.price)}` : 'at market'
        } (order ${event.orderNo})`,
      ];
    case 'order-rejected':
      return [
        `${sideLabel(event.side)} ${event.code} ${event.name} round ${event.round}: REJECTED ${event.qty} sh: ${event.reason}`,
      ];
    case 'order-unknown':
      return [
        `${sideLabel(event.side)} ${event.code} round ${event.round}: outcome unknown (${event.reason}); reconciling`,
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
        `${sideLabel(event.side)} ${event.code} ${event.name} round ${event.round}: cancelled ${event.qty} sh (${event.reason})`,
      ];
    case 'phase-ended':
      return formatSummary(event.summary);
    case 'plan-done':
      return [`Plan ${event.planId} done.`];
    case 'halted':
      return [`Halted by the kill switch (${event.removedJobs} queued orders removed).`];
    case 'resumed':
      return ['Resumed.'];
    case 'error':
      return [`ERROR: ${event.message}`];
    default:
      return [];
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
        `  ${l.code} ${l.name}: ${l.qty} sh x ${won(l.price)} = ${won(l.qty * l.price)} won, target ${l.targetPct.toFixed(2)}%, rounds ${l.rounds.join('/')}`,
      );
    }
  }
  if (plan.excluded.length > 0) {
    lines.push('Left alone:');
    for (const x of plan.excluded) lines.push(`  ${x.code} ${x.name}: ${x.qty} sh (${x.reason})`);
  }
  const weights = Object.entries(plan.projected.weights)
    .map(([code, w]) => `${code} ${w.toFixed(2)}%`)
    .join(', ');
  lines.push(
    `Projected: ${weights || 'no holdings'}; cash ${won(plan.projected.cash)} won; costs about ${won(plan.estimatedCosts)} won`,
  );
  return lines;
}

function signedPct(x: number): string {
  const pct = (x * 100).toFixed(2);
  return x > 0 ? `+${pct}%` : `${pct}%`;
}
