import { describe, expect, test } from 'vitest';
import { InvalidIdError } from './InvalidIdError.ts';
import { InvalidLedgerInputError } from './InvalidLedgerInputError.ts';
import { LedgerConflictError } from './LedgerConflictError.ts';
import { OrderNoConflictError } from './OrderNoConflictError.ts';
import { PlanStateError } from './PlanStateError.ts';

describe('store errors', () => {
  test.each<[Error & { retryable: boolean }, string, boolean]>([
    [new LedgerConflictError('lost a race'), 'LedgerConflictError', true],
    [
      new OrderNoConflictError('p1-sell-005930-r2', '9', 'p1-sell-005930-r1', '20260303'),
      'OrderNoConflictError',
      false,
    ],
    [new InvalidLedgerInputError('bad'), 'InvalidLedgerInputError', false],
    [new PlanStateError('moved on'), 'PlanStateError', false],
    [new InvalidIdError('bad:id'), 'InvalidIdError', false],
  ])('%o is named %s; retryable: %s', (err, name, retryable) => {
    expect(err.name).toBe(name);
    expect(err.retryable).toBe(retryable);
  });

  test('an order number conflict is a ledger conflict that is not retried: the number stays owned', () => {
    const err = new OrderNoConflictError('p1-sell-005930-r2', '9', 'p1-sell-005930-r1', '20260303');
    expect(err).toBeInstanceOf(LedgerConflictError);
    expect(err.message).toContain('owned by record p1-sell-005930-r1');
  });
});
