import type { LedgerRecord } from '../domain/LedgerRecord.ts';
import { isStockCode } from '../domain/stockCode.ts';
import { InvalidLedgerInputError } from './errors/InvalidLedgerInputError.ts';
import { assertId, recordId } from './keys.ts';

/** What a new record needs; everything else starts at zero. */
export interface NewLedgerRecord
  extends Pick<
    LedgerRecord,
    'planId' | 'side' | 'code' | 'name' | 'round' | 'isLastRound' | 'plannedQty' | 'seq' | 'orderType'
  > {
  /** Start state: `queued` (default), or `skipped` for a round with nothing to send. */
  readonly state?: 'queued' | 'skipped';
  /** Position in the plan's send order (round-major); records are listed by it. */
  readonly order: number;
}

/**
 * The record a new one starts as (nothing sent, nothing filled), with its id. Throws InvalidLedgerInputError (or
 * InvalidIdError for the plan id) for input that cannot become a record.
 */
export function newLedgerRecord(input: NewLedgerRecord, now: number): LedgerRecord & { readonly id: string } {
  validateNew(input);
  return {
    id: recordId(input),
    planId: input.planId,
    side: input.side,
    code: input.code,
    name: input.name,
    round: input.round,
    ...(input.seq !== undefined && input.seq > 0 ? { seq: input.seq } : {}),
    isLastRound: input.isLastRound,
    plannedQty: input.plannedQty,
    orderType: input.orderType ?? 'limit',
    qty: 0,
    price: 0,
    state: input.state ?? 'queued',
    orderNos: [],
    filledQty: 0,
    filledValue: 0,
    commission: 0,
    tax: 0,
    amendments: [],
    updatedAt: now,
  };
}

function validateNew(input: NewLedgerRecord): void {
  if (!isStockCode(input.code)) throw new InvalidLedgerInputError(`not a stock code: ${JSON.stringify(input.code)}`);
  if (input.side !== 'buy' && input.side !== 'sell') throw new InvalidLedgerInputError(`bad side: ${input.side}`);
  if (!Number.isSafeInteger(input.round) || input.round < 1)
    throw new InvalidLedgerInputError(`bad round: ${input.round}`);
  if (!Number.isSafeInteger(input.plannedQty) || input.plannedQty < 0) {
    throw new InvalidLedgerInputError(`planned quantity must be whole shares >= 0: ${input.plannedQty}`);
  }
  if (!Number.isFinite(input.order)) throw new InvalidLedgerInputError(`bad order: ${input.order}`);
  assertId('plan id', input.planId);
}
