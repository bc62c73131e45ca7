import type { CancelCause } from './CancelCause.ts';
import type { EngineErrorEvent } from './EngineErrorEvent.ts';
import type { PostTradeReport } from './postTradeReport.ts';
import type { RejectCause } from './RejectCause.ts';
import type { Side, StockCode } from './types.ts';

/**
 * Everything the engine reports, appended to a Redis-backed outbox (a stream per account) that the bot and the
 * headless runner read. Nothing in the engine talks to Telegram.
 */
export type EngineEvent =
  | { type: 'plan-approved'; planId: string }
  | { type: 'phase-started'; planId: string; side: Side }
  /**
   * A phase waits: `sells-not-done` = the buy phase's time came but the plan's sell orders are not finished (checked at
   * every poll); `market-closed` = outside the trading session (MARKET_SESSION=krx), its orders wait for the next
   * session, which opens at `opensAt` (epoch ms).
   */
  | { type: 'phase-waiting'; planId: string; side: Side; code: 'sells-not-done' }
  | { type: 'phase-waiting'; planId: string; side: Side; code: 'market-closed'; opensAt: number }
  /** A wait an older version stored in words (`text`, English) before waits had codes: shown as it was. */
  | { type: 'phase-waiting'; planId: string; side: Side; code: 'recorded'; text: string }
  | {
      type: 'order-placed';
      planId: string;
      side: Side;
      code: StockCode;
      name: string;
      round: number;
      qty: number;
      price: number;
      orderNo: string;
    }
  | {
      type: 'order-rejected';
      planId: string;
      side: Side;
      code: StockCode;
      name: string;
      round: number;
      qty: number;
      cause: RejectCause;
    }
  /**
   * The outcome of a request (`place`, `amend` or `cancel`) is not known: its call failed after it may have left
   * (`detail` is the error's text, data). The engine reconciles with the broker's lists; nothing is sent again.
   */
  | {
      type: 'order-unknown';
      planId: string;
      side: Side;
      code: StockCode;
      round: number;
      qty: number;
      request: 'place' | 'amend' | 'cancel';
      detail: string;
    }
  | {
      type: 'order-reconciled';
      planId: string;
      side: Side;
      code: StockCode;
      round: number;
      found: boolean;
      orderNo?: string;
    }
  | {
      type: 'fill';
      planId: string;
      side: Side;
      code: StockCode;
      name: string;
      round: number;
      orderNo: string;
      qty: number;
      price: number;
      totalFilled: number;
      orderQty: number;
    }
  | {
      type: 'amended';
      planId: string;
      side: Side;
      code: StockCode;
      name: string;
      round: number;
      fromOrderNo: string;
      toOrderNo: string;
      fromPrice: number;
      toPrice: number;
      qty: number;
      amendCount: number;
    }
  | {
      type: 'cancelled';
      planId: string;
      side: Side;
      code: StockCode;
      name: string;
      round: number;
      orderNo: string;
      qty: number;
      cause: CancelCause;
    }
  | { type: 'phase-ended'; planId: string; side: Side; summary: PhaseSummary }
  /** Right after a phase-ended: where the account stands against the targets (product.md flow step 7). */
  | { type: 'report'; planId: string; side: Side; report: PostTradeReport }
  /** Instead of `report` when the account could not be read or weighed; the phase is ended all the same. */
  | { type: 'report-missing'; planId: string; side: Side; reason: string }
  | { type: 'plan-done'; planId: string }
  | { type: 'halted'; planId?: string; removedJobs: number }
  | { type: 'resumed'; planId?: string }
  | EngineErrorEvent
  /**
   * Orders cannot go out and the engine is waiting, not failing: `broker-unavailable` = the broker's queries (quote,
   * token) have been failing since `since` (epoch ms) for longer than the notice time. Pushed once per outage; the
   * rounds wait and go out when it answers again (`recovered`). `message` is the broker's last error text (data, not
   * wording).
   */
  | { type: 'stalled'; planId?: string; code: 'broker-unavailable'; since: number; message: string }
  /** The end of an outage that was noticed (`stalled`) or of a Redis outage, `downMs` long. */
  | { type: 'recovered'; planId?: string; code: 'broker-unavailable' | 'redis-unavailable'; downMs: number }
  /**
   * A person settled a record the engine could not (`npm run ledger -- resolve`): `adopted` = the record now owns
   * broker order `orderNo`; `not-placed` = the request never became an order, the record is `queued` to be sent.
   */
  | {
      type: 'resolved';
      planId: string;
      recordId: string;
      side: Side;
      code: StockCode;
      round: number;
      resolution: 'adopted' | 'not-placed';
      orderNo?: string;
    };

/** Totals of one phase, computed from the ledger. */
export interface PhaseSummary {
  readonly side: Side;
  readonly legs: number;
  readonly legsDone: number;
  readonly shares: number;
  readonly value: number;
  readonly commission: number;
  readonly tax: number;
  /** Per code: filled qty, average fill price and the plan-time price. */
  readonly byCode: ReadonlyArray<{
    code: StockCode;
    name: string;
    plannedQty: number;
    filledQty: number;
    avgPrice: number;
    planPrice: number;
  }>;
}

/** An event as stored: the stream entry id and when it was written. */
export interface StoredEvent {
  readonly id: string;
  readonly at: number;
  readonly event: EngineEvent;
}
