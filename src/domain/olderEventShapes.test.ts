import { describe, expect, test } from 'vitest';
import type { EngineEvent } from './EngineEvent.ts';
import { olderEventShapes } from './olderEventShapes.ts';

const base = { planId: 'p1', side: 'sell', code: '005930', round: 2, qty: 6 };

describe('olderEventShapes', () => {
  test('a cancelled or rejected event an older version stored keeps its words as a recorded cause', () => {
    expect(olderEventShapes({ type: 'cancelled', ...base, name: 'n', orderNo: '1', reason: 'kill switch' })).toEqual({
      type: 'cancelled',
      ...base,
      name: 'n',
      orderNo: '1',
      cause: { code: 'recorded', text: 'kill switch' },
    });
    expect(olderEventShapes({ type: 'order-rejected', ...base, name: 'n', reason: '잔고 부족' })).toEqual({
      type: 'order-rejected',
      ...base,
      name: 'n',
      cause: { code: 'recorded', text: '잔고 부족' },
    });
  });

  test.each([
    ['amend: socket hang up', 'amend', 'socket hang up'],
    ['cancel: timeout after 300 ms', 'cancel', 'timeout after 300 ms'],
    ['timeout after 300 ms', 'place', 'timeout after 300 ms'],
  ])('an older order-unknown %j names the request %s', (reason, request, detail) => {
    expect(olderEventShapes({ type: 'order-unknown', ...base, reason })).toEqual({
      type: 'order-unknown',
      ...base,
      request,
      detail,
    });
  });

  test("today's events, and other events with a reason, are taken as they are", () => {
    const today: EngineEvent = {
      type: 'cancelled',
      planId: 'p1',
      side: 'sell',
      code: '005930',
      name: 'n',
      round: 2,
      orderNo: '1',
      qty: 6,
      cause: { code: 'gone-at-broker' },
    };
    expect(olderEventShapes({ ...today })).toEqual(today);
    const missing = { type: 'report-missing', planId: 'p1', side: 'buy', reason: 'broker down' };
    expect(olderEventShapes({ ...missing })).toEqual(missing);
  });
});
