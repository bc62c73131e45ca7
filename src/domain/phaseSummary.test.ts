import { describe, expect, test } from 'vitest';
import { isPhaseDone } from './isPhaseDone.ts';
import type { LedgerRecord } from './LedgerRecord.ts';
import { phaseSummary } from './phaseSummary.ts';
import type { PlanLeg } from './types.ts';

function leg(code: string, price: number, qty: number): PlanLeg {
  return { code, name: `n${code}`, price, qty, rounds: [qty], heldQty: 0, targetValue: 0, targetPct: 0 };
}

function rec(over: Partial<LedgerRecord> & Pick<LedgerRecord, 'code'>): LedgerRecord {
  return {
    planId: 'p1',
    side: 'sell',
    name: 'x',
    round: 1,
    isLastRound: true,
    plannedQty: 10,
    qty: 10,
    price: 1000,
    state: 'filled',
    orderNos: ['0000001'],
    filledQty: 0,
    filledValue: 0,
    commission: 0,
    tax: 0,
    amendments: [],
    updatedAt: 0,
    ...over,
  };
}

describe('phaseSummary', () => {
  test('adds up shares, value, commission and tax of the side and averages the fill price per code', () => {
    const legs = [leg('005930', 70_000, 10), leg('000660', 150_000, 4)];
    const records = [
      rec({
        code: '005930',
        round: 1,
        isLastRound: false,
        filledQty: 6,
        filledValue: 6 * 70_100,
        commission: 63,
        tax: 842,
      }),
      rec({ code: '005930', round: 2, filledQty: 4, filledValue: 4 * 69_900, commission: 42, tax: 560 }),
      rec({ code: '000660', filledQty: 3, filledValue: 3 * 150_000, commission: 68, tax: 900, state: 'cancelled' }),
      rec({ code: '000660', side: 'buy', filledQty: 99, filledValue: 99, commission: 1, tax: 1 }),
    ];
    const s = phaseSummary('sell', legs, records);
    expect(s).toEqual({
      side: 'sell',
      legs: 2,
      legsDone: 1,
      shares: 13,
      value: 6 * 70_100 + 4 * 69_900 + 450_000,
      commission: 173,
      tax: 2302,
      byCode: [
        { code: '005930', name: 'n005930', plannedQty: 10, filledQty: 10, avgPrice: 70_020, planPrice: 70_000 },
        { code: '000660', name: 'n000660', plannedQty: 4, filledQty: 3, avgPrice: 150_000, planPrice: 150_000 },
      ],
    });
  });

  test('reports an average price of 0 for a code with no fills and leaves legs of 0 shares out', () => {
    const s = phaseSummary('buy', [leg('005930', 70_000, 5), leg('000660', 1, 0)], []);
    expect(s.legs).toBe(1);
    expect(s.byCode).toEqual([
      { code: '005930', name: 'n005930', plannedQty: 5, filledQty: 0, avgPrice: 0, planPrice: 70_000 },
    ]);
  });
});

describe('isPhaseDone', () => {
  const legs = [leg('005930', 70_000, 10)];

  test.each([
    ['every record final and the last round present', [rec({ code: '005930', state: 'filled' })], true],
    ['a record still open', [rec({ code: '005930', state: 'partial' })], false],
    ['a record whose outcome is unknown', [rec({ code: '005930', state: 'unknown' })], false],
    ['the last round not yet in the ledger', [rec({ code: '005930', isLastRound: false })], false],
    ['nothing in the ledger yet', [], false],
    ['records of the other side only', [rec({ code: '005930', side: 'buy' })], false],
    [
      'a cancelled and a skipped round',
      [
        rec({ code: '005930', isLastRound: false, state: 'cancelled' }),
        rec({ code: '005930', round: 2, state: 'skipped' }),
      ],
      true,
    ],
    [
      'a round cancelled to go to market whose follow-up is not yet written',
      [rec({ code: '005930', state: 'cancelled', followUp: 'market', qty: 10, filledQty: 4 })],
      false,
    ],
    [
      'a round cancelled to go to market and its filled follow-up',
      [
        rec({ code: '005930', state: 'cancelled', followUp: 'market', qty: 10, filledQty: 4 }),
        rec({ code: '005930', seq: 1, isLastRound: false, state: 'filled', qty: 6, filledQty: 6 }),
      ],
      true,
    ],
  ])('with %s the answer is %s', (_what, records, done) => {
    expect(isPhaseDone('sell', legs, records as LedgerRecord[])).toBe(done);
  });

  test('a phase with no legs of shares is done at once', () => {
    expect(isPhaseDone('buy', [leg('005930', 1, 0)], [])).toBe(true);
  });
});
