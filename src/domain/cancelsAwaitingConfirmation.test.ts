import { describe, expect, test } from 'vitest';
import { cancelsAwaitingConfirmation } from './cancelsAwaitingConfirmation.ts';

const cancel = (at: number, extra: { ackAt?: number; unknownAt?: number } = {}) => ({
  pending: { kind: 'cancel' as const, at, fromOrderNo: '0000001', fromPrice: 70_000, qty: 3, ...extra },
});

describe('cancelsAwaitingConfirmation', () => {
  test('nothing to wait for without a cancel in flight (an amend in flight does not hold a last round)', () => {
    expect(cancelsAwaitingConfirmation([{}, { pending: { ...cancel(1).pending, kind: 'amend' } }], 0, 500)).toBe(
      undefined,
    );
  });

  test('waits until the first cancel can be confirmed by time: from its acknowledgement, or its lost answer', () => {
    expect(cancelsAwaitingConfirmation([cancel(1_000, { ackAt: 1_200 })], 1_000, 500)).toBe(1_700);
    expect(cancelsAwaitingConfirmation([cancel(1_000, { unknownAt: 1_400 }), cancel(2_000)], 1_000, 500)).toBe(1_900);
  });

  test('never earlier than a moment from now, so a caller does not spin', () => {
    expect(cancelsAwaitingConfirmation([cancel(0, { ackAt: 0 })], 10_000, 500)).toBe(10_500);
  });
});
