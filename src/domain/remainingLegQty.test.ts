import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { LedgerState } from './LedgerRecord.ts';
import { legPlacedQty, placedQtyOf, remainingLegQty, roundSendQty } from './remainingLegQty.ts';
import { splitRounds } from './splitRounds.ts';

describe('placedQtyOf', () => {
  test.each<[LedgerState, number]>([
    ['queued', 0],
    ['sending', 10],
    ['unknown', 10],
    ['open', 10],
    ['partial', 10],
    ['filled', 10],
    ['cancelled', 4],
    ['rejected', 0],
    ['skipped', 0],
  ])('a %s record of 10 sent (4 filled) counts %i placed', (state, expected) => {
    expect(placedQtyOf({ state, qty: 10, filledQty: 4 })).toBe(expected);
  });

  test('sums a leg over its records', () => {
    expect(
      legPlacedQty([
        { state: 'filled', qty: 3, filledQty: 3 },
        { state: 'cancelled', qty: 3, filledQty: 1 },
        { state: 'rejected', qty: 3, filledQty: 0 },
        { state: 'unknown', qty: 3, filledQty: 0 },
      ]),
    ).toBe(7);
  });
});

describe('remainingLegQty', () => {
  test.each([
    [10, 0, 10],
    [10, 7, 3],
    [10, 10, 0],
    [10, 12, 0],
    [0, 0, 0],
  ])('a leg of %i with %i placed has %i left', (total, placed, expected) => {
    expect(remainingLegQty(total, placed)).toBe(expected);
  });

  test.each([
    [-1, 0],
    [1.5, 0],
    [10, -2],
    [10, Number.NaN],
  ])('refuses a leg total %d or placed %d that is not whole shares', (total, placed) => {
    expect(() => remainingLegQty(total, placed)).toThrow(RangeError);
  });
});

describe('roundSendQty', () => {
  test('the last round sends what remains of the leg, making good a failed round', () => {
    expect(roundSendQty({ legTotal: 30, placedByOthers: 20, plannedQty: 10, isLastRound: true })).toBe(10);
    expect(roundSendQty({ legTotal: 30, placedByOthers: 10, plannedQty: 10, isLastRound: true })).toBe(20);
  });

  test('an earlier round sends its planned quantity, cut to what the leg has left', () => {
    expect(roundSendQty({ legTotal: 30, placedByOthers: 0, plannedQty: 10, isLastRound: false })).toBe(10);
    expect(roundSendQty({ legTotal: 30, placedByOthers: 26, plannedQty: 10, isLastRound: false })).toBe(4);
    expect(roundSendQty({ legTotal: 30, placedByOthers: 30, plannedQty: 10, isLastRound: false })).toBe(0);
  });

  test('a leg whose shares are all placed places nothing more, even in its last round', () => {
    expect(roundSendQty({ legTotal: 30, placedByOthers: 30, plannedQty: 10, isLastRound: true })).toBe(0);
  });
});

type Outcome = 'filled' | 'open' | 'partial' | 'unknown' | 'rejected' | 'cancelled';
interface SimRecord {
  state: LedgerState;
  qty: number;
  filledQty: number;
}

/**
 * Runs a leg's rounds the way the order worker does: each round computes its quantity from the others at the
 * moment it is sent, then gets an outcome. `late` rounds run after the last one (a round delayed by reconciliation).
 */
function simulate(total: number, n: number, outcomes: Outcome[], fills: number[], late: boolean[]) {
  const planned = splitRounds(total, n);
  const records: SimRecord[] = planned.map(() => ({ state: 'queued', qty: 0, filledQty: 0 }));
  const order = [...planned.keys()].filter((i) => !late[i] || i === n - 1);
  order.push(...[...planned.keys()].filter((i) => late[i] && i !== n - 1));
  const maxPlaced: number[] = [];
  for (const i of order) {
    const others = records.filter((_, k) => k !== i);
    const rec = records[i] as SimRecord;
    const qty = roundSendQty({
      legTotal: total,
      placedByOthers: legPlacedQty(others),
      plannedQty: planned[i] ?? 0,
      isLastRound: i === n - 1,
    });
    if (qty === 0) {
      rec.state = 'skipped';
    } else {
      const outcome = outcomes[i] ?? 'filled';
      const filled = Math.min(qty, fills[i] ?? 0);
      rec.qty = qty;
      rec.state = outcome;
      rec.filledQty = outcome === 'filled' ? qty : outcome === 'rejected' ? 0 : outcome === 'open' ? 0 : filled;
    }
    maxPlaced.push(legPlacedQty(records));
  }
  return { records, maxPlaced };
}

describe('rounds of a leg (property)', () => {
  const outcome = fc.constantFrom<Outcome>('filled', 'open', 'partial', 'unknown', 'rejected', 'cancelled');

  test('for any sequence of round outcomes no leg ever places more than its total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(outcome, { minLength: 12, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 12, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (total, n, outcomes, fills, late) => {
          const { maxPlaced, records } = simulate(total, n, outcomes, fills, late);
          for (const p of maxPlaced) expect(p).toBeLessThanOrEqual(total);
          const sent = records.reduce((s, r) => s + (r.state === 'rejected' ? 0 : r.filledQty), 0);
          expect(sent).toBeLessThanOrEqual(total);
        },
      ),
    );
  });

  test('when nothing is rejected or cancelled the leg total is reached exactly', () => {
    const ok = fc.constantFrom<Outcome>('filled', 'open', 'partial', 'unknown');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(ok, { minLength: 12, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 12, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (total, n, outcomes, fills, late) => {
          const { records } = simulate(total, n, outcomes, fills, late);
          expect(legPlacedQty(records)).toBe(total);
        },
      ),
    );
  });

  test('rounds that failed before the last are made good by the last round', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 2, max: 12 }),
        fc.array(outcome, { minLength: 12, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 12, maxLength: 12 }),
        fc.constantFrom<Outcome>('filled', 'open', 'partial', 'unknown'),
        (total, n, outcomes, fills, lastOutcome) => {
          const withLast = outcomes.map((o, i) => (i === n - 1 ? lastOutcome : o));
          const { records } = simulate(total, n, withLast, fills, []);
          expect(legPlacedQty(records)).toBe(total);
        },
      ),
    );
  });
});
