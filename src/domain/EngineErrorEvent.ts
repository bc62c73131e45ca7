import type { LedgerState } from './LedgerRecord.ts';
import type { Side, StockCode } from './types.ts';
import type { UnownedOrder } from './unownedPlanOrders.ts';

/**
 * An `error` event: something a person has to look at. The engine says which situation (`code`) with the values it
 * needs; the faces (the bot in Korean, the CLI in English) put it into words. Texts that come from outside (a
 * broker's refusal, an exception) are data (`brokerMessage`, `detail`), never the wording. `stockCode` is the
 * stock's code (`code` names the situation).
 */
export type EngineErrorEvent = { type: 'error'; planId?: string } & (
  | /** An order job failed for good (its retries are used up, or it cannot be retried). */
  { code: 'order-job-failed'; jobId: string; detail: string }
  /**
   * The broker lists orders for codes of the active plan that no ledger record owns or can still adopt: the
   * engine halted. A person checks them at the broker (`npm run ledger`), then resumes.
   */
  | { code: 'unowned-orders'; orders: UnownedOrder[] }
  /**
   * The broker accepted `orderNo` for the record, but the record could not take it (it is final, `state`, or holds
   * another order, `heldOrderNo`); it is not sent again, a person checks it.
   */
  | {
      code: 'accepted-order-not-attached';
      side: Side;
      stockCode: StockCode;
      round: number;
      orderNo: string;
      state: LedgerState;
      heldOrderNo?: string;
    }
  /**
   * The broker's clock is `offsetMs` off ours, past MAX_CLOCK_OFFSET_MS (`maxOffsetMs`): the round is held until it
   * is back within it. Both clocks need checking.
   */
  | {
      code: 'broker-clock-off';
      side: Side;
      stockCode: StockCode;
      round: number;
      offsetMs: number;
      maxOffsetMs: number;
    }
  /** The broker refused to amend order `orderNo`; `brokerMessage` is its answer. */
  | { code: 'amend-refused'; stockCode: StockCode; orderNo: string; brokerMessage: string }
  /** The broker refused to cancel order `orderNo`, which is still open; `brokerMessage` is its answer. */
  | { code: 'cancel-refused'; stockCode: StockCode; orderNo: string; brokerMessage: string }
  /** An order worth `value` won would pass MAX_ORDER_VALUE (`maxOrderValue`): rejected, not sent. */
  | { code: 'order-value-over-cap'; stockCode: StockCode; value: number; maxOrderValue: number }
  /** Several broker orders (`orderNos`) fit a request whose answer was lost: left unknown for a person. */
  | {
      code: 'ambiguous-match';
      side: Side;
      stockCode: StockCode;
      round: number;
      orderNos: string[];
    }
  /**
   * A record sent on `day` (KST) was not settled that day; today's lists cannot tell what became of it. Left
   * unknown: a person checks its fills.
   */
  | {
      code: 'earlier-day-unsettled';
      side: Side;
      stockCode: StockCode;
      round: number;
      day: string;
    }
  /**
   * The broker accepted `orderNo` for record `recordId`, but record `ownerId` owns that number today: left unknown
   * and not sent again, a person settles it. Side, code and round when the record could be read.
   */
  | {
      code: 'order-number-taken';
      recordId: string;
      side?: Side;
      stockCode?: StockCode;
      round?: number;
      orderNo: string;
      ownerId: string;
    }
  /** MARKET_SESSION=krx cannot tell whether the market is open on `date`: the calendar does not cover it. */
  | { code: 'calendar-not-covered'; date: string }
  /** The outbox holds an entry `eventId` that cannot be read as an event. */
  | { code: 'unreadable-event'; eventId: string }
  /** An error an older version stored in words (`text`, English) before errors had codes: shown as it was. */
  | { code: 'recorded'; text: string }
);

/** The situations an `error` event names. */
export type EngineErrorCode = EngineErrorEvent['code'];
