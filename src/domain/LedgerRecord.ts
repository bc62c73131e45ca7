import type { CancelCause } from './CancelCause.ts';
import type { OrderType } from './OrderType.ts';
import type { RecordNote } from './RecordNote.ts';
import type { Side, StockCode } from './types.ts';

/**
 * States of one planned order (plan, side, code, round) in the order ledger.
 * - queued: planned, its job is (or will be) on the order queue; nothing sent.
 * - sending: written just before the request leaves; if the process dies here the outcome is unknown.
 * - unknown: the request timed out or lost its connection; must be reconciled with the broker before anything else.
 * - open / partial: accepted by the broker, (partly) unfilled.
 * - filled, cancelled, rejected, skipped: final. `skipped` = nothing to place (e.g. a last round with 0 remaining,
 *   or a phase given up before it was sent).
 */
export type LedgerState =
  | 'queued'
  | 'sending'
  | 'unknown'
  | 'open'
  | 'partial'
  | 'filled'
  | 'cancelled'
  | 'rejected'
  | 'skipped';

export const FINAL_STATES: ReadonlySet<LedgerState> = new Set(['filled', 'cancelled', 'rejected', 'skipped']);

export interface Amendment {
  /** Epoch ms when the amendment was accepted. */
  readonly at: number;
  readonly fromOrderNo: string;
  readonly toOrderNo: string;
  readonly fromPrice: number;
  readonly toPrice: number;
  readonly qty: number;
}

/**
 * A due amend check that found the price the order already has (nothing was sent), or an amendment the broker
 * refused (`refused`): either counts as an amendment attempt (MAX_AMENDS) and restarts the amend clock, so an order
 * resting at an unchanged price, or one whose amendments are refused (a buy beyond the orderable cash), still
 * reaches the AMEND_POLICY instead of being tried again at every poll.
 */
export interface AmendCheck {
  /** Epoch ms of the check (of the refusal). */
  readonly at: number;
  /** The price the check found (the order's own), or the price the refused amendment asked for. */
  readonly price: number;
  /** The broker's refusal, when an amendment was sent and refused. */
  readonly refused?: string;
}

export interface LedgerRecord {
  readonly planId: string;
  readonly side: Side;
  readonly code: StockCode;
  readonly name: string;
  /** 1-based round number. */
  readonly round: number;
  /** True for the leg's last round, which places what remains of the leg. */
  readonly isLastRound: boolean;
  /** Quantity the plan gave this round (the last round's real quantity is computed when it is sent). */
  readonly plannedQty: number;
  /** Quantity actually sent (0 until sent). */
  readonly qty: number;
  /** Limit price sent (0 for market). */
  readonly price: number;
  readonly state: LedgerState;
  /** Current live order number (after amendments, the newest). */
  readonly orderNo?: string;
  /** Every order number this record has had, oldest first. */
  readonly orderNos: readonly string[];
  readonly filledQty: number;
  /** Sum of fill value (price x qty) in won, for the average fill price. */
  readonly filledValue: number;
  readonly commission: number;
  readonly tax: number;
  readonly amendments: readonly Amendment[];
  /** Epoch ms: when `sending` was written (the reconciliation window starts here). */
  readonly sentAt?: number;
  /**
   * Epoch ms: when the request's call ended without a usable answer (the record became `unknown`). The client may
   * send later than `sentAt` (a token renewal, its own rate-limit pause, a re-send after a refused token), so the
   * settle time counts from the later of the two: the request cannot arrive long after the call gave up on it.
   */
  readonly unknownAt?: number;
  /** Epoch ms: when the order was placed or last amended (the amend clock). */
  readonly lastPlacedAt?: number;
  /** Why the record is where it is (held, left unknown, rejected, skipped...): the engine's note, worded by the faces. */
  readonly note?: RecordNote;
  /**
   * The note as an older version stored it, in English words. Never written now (a record that gets a note keeps
   * it, the note wins; clearing the note clears it too); kept so that records stored before notes were values still
   * read: read it through storedRecordNote, which shows it as it is.
   */
  readonly error?: string;
  readonly updatedAt: number;
  /** Record id (see src/store/keys.ts recordId): `{planId}-{side}-{code}-r{round}[-m{seq}]`. Set by the ledger. */
  readonly id?: string;
  /** 0 for the round's own order; 1, 2, ... for a follow-up (the remainder re-sent as a market order). */
  readonly seq?: number;
  /** Limit (default) or market. */
  readonly orderType?: OrderType;
  /** An amend or cancel request that has left and whose outcome is not known yet (reconciled before anything else). */
  readonly pending?: PendingRequest;
  /** Set when the remainder of this record is to be re-sent as a market order after the cancel (AMEND_POLICY=market). */
  readonly followUp?: 'market';
  /** Why the engine cancelled the record (kill switch, amend policy, ...); read it through storedCancelCause. */
  readonly cancelCause?: CancelCause;
  /**
   * The cause as an older version stored it, in English words. Never written now; kept so that records stored
   * before causes were codes still read (storedCancelCause shows it as it is).
   */
  readonly cancelReason?: string;
  /** Due amend checks that found the price unchanged, and refused amendments (see AmendCheck); absent when none. */
  readonly amendChecks?: readonly AmendCheck[];
  /**
   * An order number the broker gave this record's request (a placement or an amendment) that the ledger could not
   * claim because another record owns it today. The record is left `unknown` with this number, is never sent again,
   * and waits for a person (an `error` event said so).
   */
  readonly unclaimedOrderNo?: string;
}

/** An amend or cancel request in flight (written just before it leaves, cleared when its outcome is known). */
export interface PendingRequest {
  readonly kind: 'amend' | 'cancel';
  /** Epoch ms when it was let out. */
  readonly at: number;
  /** The live order number it was sent against. */
  readonly fromOrderNo: string;
  /** The order's price before the amendment. */
  readonly fromPrice: number;
  /** New price (amend only). */
  readonly toPrice?: number;
  /** Shares it was sent for. */
  readonly qty: number;
  /** Epoch ms when its call ended without a usable answer; the settle time counts from here (see unknownAt). */
  readonly unknownAt?: number;
  /**
   * Cancel only: epoch ms when the broker acknowledged it, or when the order was first seen gone from the open list.
   * An acknowledged cancel has not necessarily taken effect (Kiwoom answers before the exchange processes it): the
   * record stays `open`/`partial`, counted at its full quantity, its fills still applied, until the broker's lists
   * confirm it (src/domain/cancelSettlement.ts); then it is closed `cancelled` and its follow-up is created.
   */
  readonly ackAt?: number;
}
